package aftershock.testing;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The requests code sent to the fabric8 mock server, as the RBAC attributes the API server authorises them by
 * (verb, API group, resource/subresource), and the ones a Role does not allow.
 *
 * <pre>
 *   RecordedCalls.drain(server);                                        // forget earlier requests
 *   podKill.inject();
 *   List&lt;String&gt; refused = RecordedCalls.notAllowed(role, RecordedCalls.drain(server));
 * </pre>
 */
public final class RecordedCalls {

    /** One request as RBAC sees it. */
    public record Call(String verb, String apiGroup, String resource, String request) {
        @Override
        public String toString() {
            return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource + " (" + request + ")";
        }
    }

    private RecordedCalls() {
    }

    /** Takes every request the server recorded so far. */
    public static List<Call> drain(KubernetesMockServer server) {
        List<Call> calls = new ArrayList<>();
        try {
            for (RecordedRequest request = server.takeRequest(100, TimeUnit.MILLISECONDS); request != null;
                 request = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
                calls.add(of(request.getMethod(), request.getPath()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return calls;
    }

    /** A request path such as {@code GET /apis/apps/v1/namespaces/ns/statefulsets/redis/scale}, as RBAC reads it. */
    public static Call of(String method, String pathAndQuery) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        boolean watch = pathAndQuery.contains("watch=true");
        String[] parts = path.replaceFirst("^/", "").split("/");
        int at;
        String group;
        if (parts[0].equals("api")) {
            group = "";
            at = 2;
        } else {
            group = parts[1];
            at = 3;
        }
        if (parts.length > at && parts[at].equals("namespaces") && parts.length > at + 2) {
            at += 2;
        }
        String resource = parts.length > at ? parts[at] : "";
        String name = parts.length > at + 1 ? parts[at + 1] : null;
        if (parts.length > at + 2) {
            resource = resource + "/" + parts[at + 2];
        }
        String verb = switch (method) {
            case "GET" -> name != null ? "get" : watch ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name != null ? "delete" : "deletecollection";
            default -> method.toLowerCase();
        };
        return new Call(verb, group, resource, method + " " + pathAndQuery);
    }

    /** Each call no rule of {@code role} allows, one line each. */
    public static List<String> notAllowed(Role role, List<Call> calls) {
        return calls.stream().filter(call -> role.getRules().stream().noneMatch(rule -> allows(rule, call)))
                .map(call -> "Role " + role.getMetadata().getName() + " does not allow " + call)
                .distinct().toList();
    }

    private static boolean allows(PolicyRule rule, Call call) {
        return rule.getApiGroups().contains(call.apiGroup()) && rule.getResources().contains(call.resource())
                && (rule.getVerbs().contains(call.verb()) || rule.getVerbs().contains("*"));
    }

    /** The Role named {@code name} in a (possibly multi-document) YAML file. */
    public static Role role(Path file, String name) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        try {
            for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
                Object parsed = serialization.unmarshal(document);
                if (parsed instanceof Role role && role.getMetadata().getName().equals(name)) {
                    return role;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no Role " + name + " in " + file);
    }
}
