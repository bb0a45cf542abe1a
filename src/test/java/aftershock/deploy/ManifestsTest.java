package aftershock.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestsTest {

    @Test
    void everyManifestUnderDeployParsesStrictly() {
        // Given
        List<Path> files = Manifests.all();

        // When
        List<HasMetadata> resources = files.stream().flatMap(file -> Manifests.strict(file).stream()).toList();

        // Then
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        assertThat(resources).extracting(HasMetadata::getKind).contains("ServiceAccount", "Role", "RoleBinding",
                "ConfigMap", "Secret", "PersistentVolumeClaim", "Deployment", "Service", "Namespace");
    }

    @Test
    void anUnknownOrMisplacedFieldIsAnError() {
        // Given a Deployment with replicas misspelt and a probe at the pod level
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replica: 2
                  template:
                    spec:
                      readinessProbe:
                        httpGet: {path: /ready, port: 8080}
                      containers:
                        - name: web
                          image: web:1
                """;

        // When / Then
        assertThatThrownBy(() -> Manifests.strict(yaml, "planted.yaml"))
                .hasMessage("planted.yaml: unknown fields [Deployment.spec.replica, Deployment.spec.template.spec"
                        + ".readinessProbe] in Deployment web: check the spelling and the nesting level");
    }

    @Test
    void everyKustomizationNamesOnlyFilesThatExistAndFieldsWeKnow() throws Exception {
        try (var files = Files.walk(Manifests.ROOT)) {
            List<Path> kustomizations = files.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
                    .toList();
            assertThat(kustomizations).hasSize(3);
            kustomizations.forEach(Manifests::kustomization);
        }
    }

    @Test
    void theTargetIsReadyOnlyWhileItReachesRedisAndItsRoleHoldsTheLeaseVerbsOfItsElection() {
        // Given
        Deployment target = (Deployment) Manifests.strict(Path.of("deploy/target/target.yaml")).get(0);
        Role role = Manifests.strict(Path.of("deploy/target/rbac.yaml")).stream()
                .filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();

        // Then: /ready pings Redis (TargetServer), so a replica without Redis leaves the Service
        assertThat(target.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getHttpGet()
                .getPath()).isEqualTo("/ready");
        assertThat(target.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("--redis=aftershock-redis:6379", "--leader-election=kubernetes");
        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getResources()).containsExactly("leases");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "create", "update", "patch");
        });
    }

    @Test
    void theKindOverlayPutsEverythingInOneNamespace() {
        Map<String, Object> overlay = Manifests.kustomization(Path.of("deploy/overlays/kind/kustomization.yaml"));
        assertThat(overlay).containsEntry("namespace", "aftershock");
    }
}
