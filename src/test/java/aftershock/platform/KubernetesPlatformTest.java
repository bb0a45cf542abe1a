package aftershock.platform;

import aftershock.chaos.ChaosTimeline;
import aftershock.chaos.FaultStep;
import aftershock.chaos.RestoreRecipe;
import aftershock.chaos.kubernetes.PodDelete;
import aftershock.probes.Probe;
import aftershock.probes.Probes;
import aftershock.verdict.FaultWindow;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        client.apps().statefulSets().inNamespace("staging").delete();
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
        assertThat(kills).extracting(PlannedFault::frontDoor).as("the service's address is the users' view").containsOnly(true);
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
    void redisKillHoldsTheOutageByScalingTheRedisWorkloadToZeroAndBack() throws Exception {
        // Given a Redis StatefulSet of one Ready pod, api pods, and a stand-in controller that follows its /scale
        client.apps().statefulSets().inNamespace("staging").resource(new StatefulSetBuilder()
                .withNewMetadata().withName("redis").withNamespace("staging").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "redis").endSelector().endSpec()
                .build()).create();
        pods.create("staging", "redis-0", Map.of("app", "redis"), true);
        pods.create("staging", "api-a", Map.of("app", "api"), true);
        try (StandInStatefulSetController controller = new StandInStatefulSetController(client, pods, "staging", "redis")) {
            PlannedFault redisKill = platform("aftershock.kubernetes.ready-timeout", "10s",
                    "aftershock.kubernetes.redis-workload", "statefulset/redis").redisKill();
            Probe serviceReady = Probes.of("api ready (needs Redis)", () -> pods.names("staging").contains("redis-0")
                    && Readiness.isPodReady(client.pods().inNamespace("staging").withName("redis-0").get()));
            List<FaultWindow> windows = new CopyOnWriteArrayList<>();
            ChaosTimeline timeline = new ChaosTimeline(new ChaosTimeline.Watch(Duration.ofMillis(20), 3,
                    Duration.ofSeconds(10), Duration.ofMillis(50)), Clock.systemUTC(), windows::add)
                    .then(FaultStep.held("redis-kill", redisKill.fault(), Duration.ZERO, Duration.ofMillis(800), serviceReady));

            // When Redis is held down for 0.8 s
            timeline.run(Instant.now(), event -> { });

            // Then no Redis pod ran during the hold, the service saw the outage, and Redis is back at one replica
            FaultWindow window = windows.get(0);
            assertThat(window.failure()).isNull();
            assertThat(window.evidence()).contains("statefulset/redis scaled 1 -> 0, outage held");
            Matcher held = Pattern.compile("outage held ([0-9.]+) s").matcher(window.evidence());
            assertThat(held.find()).isTrue();
            assertThat(Double.parseDouble(held.group(1))).isBetween(0.7, 1.5);
            assertThat(window.maxDowntimeSeconds()).isBetween(0.7, 5.0);
            assertThat(window.componentRecoverySeconds()).isNotNull();
            assertThat(controller.replicasSeen()).containsSubsequence(0, 1);
            assertThat(client.apps().statefulSets().inNamespace("staging").withName("redis").get().getSpec().getReplicas())
                    .isEqualTo(1);
            assertThat(redisKill.recipe()).isEqualTo(new RestoreRecipe.ScaleWorkload("staging", "statefulset", "redis", 1));
        }
    }

    @Test
    void redisKillWithoutAWorkloadToScaleIsRefusedBeforeAnyLoad() {
        assertThatThrownBy(() -> platform().redisKill())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("set aftershock.kubernetes.redis-workload to statefulset/NAME or deployment/NAME");
    }

    @Test
    void redisReplaceDeletesTheRedisPodWithItsVolumeClaimAndLeavesOtherClaims() {
        // Given a StatefulSet-style Redis pod mounting its claim, and an api pod with a claim of its own
        createClaim("data-redis-0");
        createClaim("data-api-a");
        client.pods().inNamespace("staging").resource(withClaim(MockPods.pod("staging", "redis-0", Map.of("app", "redis"), true),
                "data-redis-0")).create();
        client.pods().inNamespace("staging").resource(withClaim(MockPods.pod("staging", "api-a", Map.of("app", "api"), true),
                "data-api-a")).create();

        // When redis-replace fires
        PlannedFault replace = platform().redisReplace();
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
