package aftershock.platform;

import aftershock.chaos.RestoreRecipe;
import aftershock.chaos.kubernetes.PodDelete;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.platform.Platform.KillPlan;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.testing.MockPods;
import aftershock.testing.MockServerLogs;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesPlatformTest {

    private static final URI BASE_URL = URI.create("http://api.staging.example.com/");

    static KubernetesClient client;
    static KubernetesMockServer server;
    private MockPods pods;

    @BeforeAll
    static void quietMockServer() {
        MockServerLogs.quiet();
    }

    @BeforeEach
    void mockPods() {
        pods = new MockPods(client);
    }

    @AfterEach
    void stopControllerAndDeletePods() {
        pods.stopControllerAndDelete("staging", "prod");
        client.persistentVolumeClaims().inNamespace("staging").delete();
    }

    @Test
    void podKillEachMakesOneFaultPerMatchingPod() {
        // Given three api pods (one on another tier), a Redis pod, and an api pod in another namespace
        pods.create("staging", "api-c", Map.of("app", "api", "tier", "web"), true);
        pods.create("staging", "api-a", Map.of("app", "api", "tier", "web"), true);
        pods.create("staging", "api-b", Map.of("app", "api", "tier", "web"), true);
        pods.create("staging", "api-batch", Map.of("app", "api", "tier", "batch"), true);
        pods.create("staging", "redis-0", Map.of("app", "redis"), true);
        KubernetesPlatform platform = platform("aftershock.kubernetes.service-selector", "app=api,tier=web");

        // When
        List<PlannedFault> kills = platform.podKills(KillPlan.EACH);

        // Then one fault per matching pod, by name, each probing the service's health
        assertThat(kills).extracting(PlannedFault::label).containsOnly("pod-kill").hasSize(3);
        assertThat(kills).extracting(kill -> kill.fault().describe()).containsExactly(
                "delete pod api-a matching app=api,tier=web in namespace 'staging' with grace period 0, then wait up to 120s for as many as before Ready",
                "delete pod api-b matching app=api,tier=web in namespace 'staging' with grace period 0, then wait up to 120s for as many as before Ready",
                "delete pod api-c matching app=api,tier=web in namespace 'staging' with grace period 0, then wait up to 120s for as many as before Ready");
        assertThat(kills).extracting(kill -> kill.probe().describe())
                .containsOnly("GET http://api.staging.example.com/health");
        assertThat(kills).extracting(PlannedFault::recipe)
                .containsOnly(new RestoreRecipe.WaitForPods("staging", "app=api,tier=web", 3));

        // And firing the second deletes only its pod
        kills.get(1).fault().inject();
        assertThat(pods.names("staging")).containsExactly("api-a", "api-batch", "api-c", "redis-0");
    }

    @Test
    void podKillOneAndAllProbeTheConfiguredHealthUrl() {
        // Given
        pods.create("staging", "api-b", Map.of("app", "api"), true);
        pods.create("staging", "api-a", Map.of("app", "api"), true);
        KubernetesPlatform platform = platform("aftershock.kubernetes.service-health-url",
                "http://api.staging.svc:8080/healthz");

        // When
        PlannedFault one = platform.podKills(KillPlan.ONE).get(0);
        List<PlannedFault> all = platform.podKills(KillPlan.ALL);

        // Then
        assertThat(one.fault().describe()).startsWith("delete 1 pod (first by name) matching app=api ");
        assertThat(all).hasSize(1);
        assertThat(all.get(0).fault().describe()).startsWith("delete all pods matching app=api ");
        assertThat(one.probe().describe()).isEqualTo("GET http://api.staging.svc:8080/healthz");
        all.get(0).fault().inject();
        assertThat(pods.names("staging")).isEmpty();
    }

    @Test
    void redisKillDeletesOnlyTheRedisPodAndRestoreWaitsForTheReplacement() {
        // Given a Redis pod, two api pods, and a controller that replaces deleted Redis pods (not Ready at first)
        pods.create("staging", "redis-0", Map.of("app", "redis"), true);
        pods.create("staging", "api-a", Map.of("app", "api"), true);
        pods.create("staging", "api-b", Map.of("app", "api"), true);
        pods.playController("staging", "app=redis");
        PlannedFault redisKill = platform("aftershock.kubernetes.ready-timeout", "10s").redisKill();

        // When
        redisKill.fault().inject();
        CompletableFuture<Void> restore = CompletableFuture.runAsync(redisKill.fault()::restore);
        await().atMost(Duration.ofSeconds(5)).until(() -> pods.names("staging").contains("redis-0-replacement-1"));

        // Then only Redis went, and restore waits until its replacement is Ready
        assertThat(pods.names("staging")).containsExactly("api-a", "api-b", "redis-0-replacement-1");
        assertThat(restore).isNotDone();
        pods.markReady("staging", "redis-0-replacement-1");
        await().atMost(Duration.ofSeconds(5)).until(restore::isDone);
        assertThat(restore).isCompleted();
        assertThat(redisKill.fault().isActive()).isFalse();
        assertThat(redisKill.label()).isEqualTo("redis-kill");
        assertThat(redisKill.probe().describe()).isEqualTo("GET http://api.staging.example.com/ready");
        assertThat(redisKill.recipe()).isEqualTo(new RestoreRecipe.WaitForPods("staging", "app=redis", 1));
    }

    @Test
    void redisKillLeavesTheStatefulSetPodsVolumeClaimAndRedisReplaceDeletesItWithThePod() {
        // Given a StatefulSet-style Redis pod mounting its claim, and an api pod with a claim of its own
        createClaim("data-redis-0");
        createClaim("data-api-a");
        client.pods().inNamespace("staging").resource(withClaim(MockPods.pod("staging", "redis-0", Map.of("app", "redis"), true),
                "data-redis-0")).create();
        client.pods().inNamespace("staging").resource(withClaim(MockPods.pod("staging", "api-a", Map.of("app", "api"), true),
                "data-api-a")).create();
        KubernetesPlatform platform = platform();

        // When redis-kill fires
        platform.redisKill().fault().inject();

        // Then the pod is gone and its volume stays for the replacement
        assertThat(pods.names("staging")).containsExactly("api-a");
        assertThat(claimNames()).containsExactly("data-api-a", "data-redis-0");

        // When the pod is back and redis-replace fires
        client.pods().inNamespace("staging").resource(withClaim(MockPods.pod("staging", "redis-0", Map.of("app", "redis"), true),
                "data-redis-0")).create();
        PlannedFault replace = platform.redisReplace();
        replace.fault().inject();

        // Then the pod and its claim are gone, the api pod's claim is not touched
        assertThat(replace.label()).isEqualTo("redis-replace");
        assertThat(replace.fault().describe()).endsWith(", deleting its PersistentVolumeClaims first");
        assertThat(pods.names("staging")).containsExactly("api-a");
        assertThat(claimNames()).containsExactly("data-api-a");
        assertThat(((PodDelete) replace.fault()).deletedClaims()).containsExactly("data-redis-0");
    }

    @Test
    void redisReplaceOfAPodWithoutAVolumeIsARedisKill() {
        // Given a Redis pod without a volume (a Deployment keeps nothing anyway)
        pods.create("staging", "redis-7f9c", Map.of("app", "redis"), true);
        createClaim("unrelated");

        // When
        platform().redisReplace().fault().inject();

        // Then only the pod went
        assertThat(pods.names("staging")).isEmpty();
        assertThat(claimNames()).containsExactly("unrelated");
    }

    private void createClaim(String name) {
        client.persistentVolumeClaims().inNamespace("staging").resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withNamespace("staging").withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").endSpec().build()).create();
    }

    private List<String> claimNames() {
        return client.persistentVolumeClaims().inNamespace("staging").list().getItems().stream()
                .map(claim -> claim.getMetadata().getName()).sorted().toList();
    }

    private static Pod withClaim(Pod pod, String claim) {
        return new PodBuilder(pod).editSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim()
                .withClaimName(claim).endPersistentVolumeClaim().endVolume().endSpec().build();
    }

    @Test
    void redisFailoverDeletesTheMasterOnly() {
        // Given
        pods.create("staging", "redis-0", Map.of("app", "redis", "role", "replica"), true);
        pods.create("staging", "redis-1", Map.of("app", "redis", "role", "master"), true);
        PlannedFault failover = platform().redisFailover();

        // When
        failover.fault().inject();

        // Then
        assertThat(failover.label()).isEqualTo("redis-failover");
        assertThat(pods.names("staging")).containsExactly("redis-0");
        assertThat(failover.probe().describe()).isEqualTo("GET http://api.staging.example.com/ready");
    }

    @Test
    void refusesANamespaceOffTheAllowlistBeforeAnyCall() {
        // Given
        pods.create("prod", "api-a", Map.of("app", "api"), true);
        int requestsBefore = server.getRequestCount();

        // When / Then
        assertThatThrownBy(() -> platform("aftershock.kubernetes.namespace", "prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("namespace 'prod' is not on the chaos allowlist [staging]: "
                        + "add it to aftershock.kubernetes.allowed-namespaces to allow faults there");
        assertThat(server.getRequestCount()).as("API calls made while refusing").isEqualTo(requestsBefore);
        assertThat(pods.names("prod")).containsExactly("api-a");
    }

    @Test
    void emptyNamespaceIsOneClearLine() {
        assertThatThrownBy(() -> platform("aftershock.kubernetes.namespace", " "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aftershock.kubernetes.namespace is empty: set it to the namespace the faults may touch, "
                        + "for example -Daftershock.kubernetes.namespace=staging");
    }

    @Test
    void malformedSelectorIsOneClearLine() {
        // Given / When / Then
        assertThatThrownBy(() -> platform("aftershock.kubernetes.service-selector", "app in (api),tier=web"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aftershock.kubernetes.service-selector: 'app in (api),tier=web' is not a selector "
                        + "Aftershock accepts ('app in (api)' is not one label=value, or repeats a key): "
                        + "write key=value pairs separated by commas, like app=api,tier=web")
                .message().doesNotContain("\n");
        for (String malformed : List.of("app!=api", "app==api", "app=api,", "!app", "app=api,app=web", "=api")) {
            assertThatThrownBy(() -> platform("aftershock.kubernetes.redis-selector", malformed))
                    .as(malformed)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("aftershock.kubernetes.redis-selector: '" + malformed + "'")
                    .hasMessageEndingWith("write key=value pairs separated by commas, like app=api,tier=web");
        }
        assertThatThrownBy(() -> platform("aftershock.kubernetes.redis-master-selector", ""))
                .hasMessage("aftershock.kubernetes.redis-master-selector: the selector is empty (it would match "
                        + "every pod in the namespace): write key=value pairs separated by commas, like app=api,tier=web");
    }

    @Test
    void describesTheNamespaceAndTheCluster() {
        assertThat(platform().describe()).isEqualTo("namespace staging on " + client.getMasterUrl());
    }

    private KubernetesPlatform platform(String... overrides) {
        Properties properties = new Properties();
        properties.setProperty("aftershock.kubernetes.namespace", "staging");
        properties.setProperty("aftershock.kubernetes.allowed-namespaces", "staging");
        for (int i = 0; i < overrides.length; i += 2) {
            properties.setProperty(overrides[i], overrides[i + 1]);
        }
        Settings root = Settings.load(properties);
        return new KubernetesPlatform(client, KubernetesSettings.from(root.section("kubernetes")),
                new Http(Duration.ofSeconds(1)), BASE_URL,
                TargetPaths.from(root.section("target").section("paths")));
    }
}
