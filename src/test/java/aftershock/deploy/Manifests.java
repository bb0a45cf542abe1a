package aftershock.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The YAML under deploy/, read strictly into fabric8's model classes: a field the model does not know (a typo, a
 * field at the wrong level) is an error, not an ignored extra as it is for fabric8 and for {@code kubectl apply}
 * without server-side validation.
 *
 * <pre>
 *   List&lt;HasMetadata&gt; resources = Manifests.strict(Path.of("deploy/runner/role.yaml"));
 * </pre>
 */
final class Manifests {

    static final Path ROOT = Path.of("deploy");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "namespace", "resources",
            "images");
    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag");

    private Manifests() {
    }

    /** Every Kubernetes manifest under deploy/ (not the kustomization files). */
    static List<Path> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<HasMetadata> strict(Path file) {
        try {
            return strict(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of {@code yaml}, each a known kind with no field its model lacks. */
    static List<HasMetadata> strict(String yaml, String source) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document, KubernetesResource.class);
            if (!(parsed instanceof HasMetadata resource) || parsed.getClass().getName().contains("GenericKubernetesResource")) {
                throw new IllegalArgumentException(source + ": not a kind fabric8 knows: " + document.strip().lines()
                        .limit(2).toList());
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(resource, resource.getKind(), unknown);
            unknown.sort(null);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(source + ": unknown fields " + unknown + " in " + resource.getKind()
                        + " " + resource.getMetadata().getName() + ": check the spelling and the nesting level");
            }
            resources.add(resource);
        }
        return resources;
    }

    /** A kustomization.yaml: only the fields our overlays use, and every resource it names exists. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> kustomization(Path file) {
        try {
            Map<String, Object> kustomization = SERIALIZATION.unmarshal(Files.readString(file), Map.class);
            List<String> unknown = kustomization.keySet().stream().filter(key -> !KUSTOMIZATION_FIELDS.contains(key))
                    .toList();
            for (Object image : (List<Object>) kustomization.getOrDefault("images", List.of())) {
                ((Map<String, Object>) image).keySet().stream().filter(key -> !IMAGE_FIELDS.contains(key))
                        .forEach(key -> unknown.add("images." + key));
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(file + ": unknown fields " + unknown);
            }
            for (Object resource : (List<Object>) kustomization.getOrDefault("resources", List.of())) {
                if (!Files.exists(file.resolveSibling(resource.toString()))) {
                    throw new IllegalArgumentException(file + ": resource " + resource + " does not exist");
                }
            }
            return kustomization;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void unknownFields(Object model, String path, List<String> unknown) {
        if (model == null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
            return;
        }
        if (!model.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
            } else {
                String field = getter.getName().substring(3);
                unknownFields(value, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), unknown);
            }
        }
    }
}
