package aftershock.chaos.kubernetes;

import aftershock.chaos.ChaosTimeline;
import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.chaos.FaultStep;
import aftershock.probes.Probes;
import aftershock.verdict.FaultWindow;
import aftershock.chaos.RestoreRecipe;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import aftershock.testing.MockPods;
import aftershock.testing.MockServerLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true, https = false)
class PodDeleteTest {

    private static final NamespaceAllowlist ALLOWLIST = NamespaceAllowlist.of("staging", "chaos-test");

    // One mock server for the class: starting one per test costs about a second each.
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
        pods.stopControllerAndDelete("staging", "chaos-test", "prod");
    }

    @Test
    void deletesOnlyPodsMatchingTheSelector() {
        // Given
        createPod("staging", "web-a", "web", true);
        createPod("staging", "web-b", "web", true);
        createPod("staging", "redis-0", "redis", true);
        createPod("chaos-test", "web-elsewhere", "web", true);
        PodDelete podKill = new PodDelete("pod-kill", client, ALLOWLIST,
                PodDeleteConfig.of("staging", "app=web").withVictims(Victims.all()));

        // When
        podKill.inject();

        // Then
        assertThat(pods.names("staging")).containsExactly("redis-0");
        assertThat(pods.names("chaos-test")).containsExactly("web-elsewhere");
        assertThat(podKill.deletedPods()).containsExactly("web-a", "web-b");
        assertThat(podKill.isActive()).isTrue();
    }

    @Test
    void killsOnlyOneWhenAskedForOne() {
        // Given
        createPod("staging", "web-c", "web", true);
        createPod("staging", "web-a", "web", true);
        createPod("staging", "web-b", "web", true);
        PodDelete firstByName = new PodDelete("pod-kill", client, ALLOWLIST, PodDeleteConfig.of("staging", "app=web"));

        // When
        firstByName.inject();

        // Then
        assertThat(firstByName.deletedPods()).containsExactly("web-a");
        assertThat(pods.names("staging")).containsExactly("web-b", "web-c");
    }

    @Test
    void randomVictimsAreTheSameForTheSameSeed() {
        // Given
        List<Pod> candidates = List.of(pod("staging", "web-a", "web", true), pod("staging", "web-b", "web", true),
                pod("staging", "web-c", "web", true), pod("staging", "web-d", "web", true));

        // When
        List<Pod> first = Victims.atRandom(2, 42L).pick(candidates);
        List<Pod> second = Victims.atRandom(2, 42L)
                .pick(List.of(candidates.get(3), candidates.get(1), candidates.get(0), candidates.get(2)));

        // Then
        assertThat(first).hasSize(2).isEqualTo(second);
    }

    @Test
    void namedVictimIsExactlyThatPod() {
        // Given
        List<Pod> candidates = List.of(pod("staging", "web-a", "web", true), pod("staging", "web-b", "web", true),
                pod("staging", "web-c", "web", true));

        // When
        List<Pod> picked = Victims.named("web-b").pick(candidates);

        // Then
        assertThat(picked).extracting(pod -> pod.getMetadata().getName()).containsExactly("web-b");
        assertThat(Victims.named("web-b").describe()).isEqualTo("pod web-b");
    }

    @Test
    void deletesOnlyTheNamedPod() {
        // Given
        createPod("staging", "web-a", "web", true);
        createPod("staging", "web-b", "web", true);
        createPod("staging", "web-c", "web", true);
        PodDelete podKill = new PodDelete("pod-kill", client, ALLOWLIST,
                PodDeleteConfig.of("staging", "app=web").withVictims(Victims.named("web-b")));

        // When
        podKill.inject();

        // Then
        assertThat(podKill.deletedPods()).containsExactly("web-b");
        assertThat(pods.names("staging")).containsExactly("web-a", "web-c");
    }

    @Test
    void refusesWhenTheNamedPodNoLongerMatches() {
        // Given a plan made for web-b, which has since been replaced
        createPod("staging", "web-a", "web", true);
        createPod("staging", "web-c", "web", true);
        PodDelete podKill = new PodDelete("pod-kill", client, ALLOWLIST,
                PodDeleteConfig.of("staging", "app=web").withVictims(Victims.named("web-b")));

        // When / Then
        assertThatThrownBy(podKill::inject)
                .isInstanceOf(FaultException.class)
                .hasMessage("pod-kill: none of the 2 pod(s) matching selector 'app=web' in namespace 'staging' is "
                        + "pod web-b: was it replaced since the run was planned? check it with "
                        + "kubectl get pods -n staging -l app=web");
        assertThat(podKill.isActive()).isFalse();
        assertThat(pods.names("staging")).containsExactly("web-a", "web-c");
    }

    @Test
    void refusesNamespaceNotOnAllowlist() {
        // Given
        createPod("prod", "web-a", "web", true);
        int requestsBefore = server.getRequestCount();

        // When / Then
        assertThatThrownBy(() -> new PodDelete("pod-kill", client, ALLOWLIST, PodDeleteConfig.of("prod", "app=web")))
                .isInstanceOf(FaultException.class)
                .hasMessage("namespace 'prod' is not on the chaos allowlist [staging, chaos-test]: "
                        + "add it to aftershock.kubernetes.allowed-namespaces to allow faults there");
        assertThat(server.getRequestCount()).as("API calls made while refusing").isEqualTo(requestsBefore);
        assertThat(pods.names("prod")).containsExactly("web-a");
    }

    @Test
    void refusesWhenNoPodMatchesTheSelector() {
        // Given
        createPod("staging", "redis-0", "redis", true);
        PodDelete podKill = new PodDelete("pod-kill", client, ALLOWLIST, PodDeleteConfig.of("staging", "app=web"));

        // When / Then
        assertThatThrownBy(podKill::inject)
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("no pods match selector 'app=web' in namespace 'staging'");
        assertThat(podKill.isActive()).isFalse();
        assertThat(pods.names("staging")).containsExactly("redis-0");
    }

    @Test
    void restoreWaitsForTheControllerToBringReadyReplacements() {
        // Given two Ready pods and a controller that replaces deleted ones with a not-yet-Ready pod
        createPod("staging", "web-a", "web", true);
        createPod("staging", "web-b", "web", true);
        pods.playController("staging", "app=web");
        PodDelete podKill = new PodDelete("pod-kill", client, ALLOWLIST,
                PodDeleteConfig.of("staging", "app=web").withReadyTimeout(Duration.ofSeconds(10)));
        podKill.inject();

        // When restore runs while the replacement is not Ready yet
        CompletableFuture<Void> restore = CompletableFuture.runAsync(podKill::restore);
        await().atMost(Duration.ofSeconds(5)).until(() -> pods.names("staging").contains("web-a-replacement-1"));

        // Then it keeps waiting until the replacement turns Ready
        assertThat(restore).isNotDone();
        assertThat(podKill.isActive()).isTrue();
        Instant markedReady = Instant.now();
        pods.markReady("staging", "web-a-replacement-1");
        await().atMost(Duration.ofSeconds(5)).until(restore::isDone);
        assertThat(restore).isCompleted();
        assertThat(podKill.isActive()).isFalse();
        PodReplacement recovery = podKill.recovery().orElseThrow();
        assertThat(recovery.deletedPods()).containsExactly("web-a");
        assertThat(recovery.readyAgainAt()).isAfterOrEqualTo(markedReady.minusMillis(1));
        assertThat(recovery.replacementTime()).isPositive();
    }

    @Test
    void evidenceIsTheDeletedUidGoneAndTheComponentIsBackWhenTheReplacementIsReady() {
        // Given two Ready pods and a controller that replaces a deleted one with a not-yet-Ready pod
        createPod("staging", "web-a", "web", true);
        createPod("staging", "web-b", "web", true);
        pods.playController("staging", "app=web");
        PodDelete podKill = new PodDelete("pod-kill", client, ALLOWLIST, PodDeleteConfig.of("staging", "app=web"));
        assertThat(podKill.evidence().status()).isEqualTo(FaultEvidence.Status.NOT_OBSERVED);

        // When web-a is deleted
        podKill.inject();
        await().atMost(Duration.ofSeconds(5)).until(() -> pods.names("staging").contains("web-a-replacement-1"));

        // Then its UID is gone, but the component is not back while the replacement is not Ready
        FaultEvidence deleted = podKill.evidence();
        assertThat(deleted.isObserved()).isTrue();
        assertThat(deleted.description()).contains("[web-a] deleted, their UID(s) gone");
        assertThat(deleted.componentRecovery()).isEmpty();

        // When the replacement turns Ready
        Instant markedReady = Instant.now();
        pods.markReady("staging", "web-a-replacement-1");

        // Then the component is back from then, and the replacement is named with its new UID
        FaultEvidence replaced = podKill.evidence();
        assertThat(replaced.componentRecovery()).hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(markedReady));
        assertThat(replaced.description()).contains("web-a-replacement-1 (uid ");
    }

    @Test
    void aPodKillUsersNeverSeeIsAPassWithNoUserVisibleImpactAndThePodsReplacementTime() throws Exception {
        // Given two Ready pods behind a service whose address always answers, and a controller that brings a Ready
        // replacement about 300 ms after a delete
        createPod("staging", "web-a", "web", true);
        createPod("staging", "web-b", "web", true);
        pods.playController("staging", "app=web");
        PodDelete podKill = new PodDelete("pod-kill", client, ALLOWLIST,
                PodDeleteConfig.of("staging", "app=web").withReadyTimeout(Duration.ofSeconds(10)));
        List<FaultWindow> windows = new CopyOnWriteArrayList<>();
        ChaosTimeline timeline = new ChaosTimeline(new ChaosTimeline.Watch(Duration.ofMillis(20), 3, Duration.ofSeconds(10),
                Duration.ofMillis(50)), Clock.systemUTC(), windows::add)
                .then(FaultStep.selfHealing("pod-kill", podKill, Duration.ZERO, Probes.of("BASE_URL/health", () -> true)));
        CompletableFuture<Void> controllerMarksReady = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(5)).until(() -> pods.names("staging").contains("web-a-replacement-1"));
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            pods.markReady("staging", "web-a-replacement-1");
        });

        // When the timeline deletes web-a
        timeline.run(Instant.now(), event -> { });
        controllerMarksReady.get(10, TimeUnit.SECONDS);

        // Then users saw nothing, and the pod's own replacement time is reported beside it
        FaultWindow window = windows.get(0);
        assertThat(window.failure()).isNull();
        assertThat(window.noUserVisibleImpact()).isTrue();
        assertThat(window.componentRecoverySeconds()).isBetween(0.3, 5.0);
        assertThat(window.evidence()).contains("web-a").contains("web-a-replacement-1");
    }

    @Test
    void restoreTwiceIsSafe() {
        // Given
        createPod("staging", "redis-0", "redis", true);
        pods.playController("staging", "app=redis");
        PodDelete redisKill = new PodDelete("redis-kill", client, ALLOWLIST,
                PodDeleteConfig.of("staging", "app=redis").withReadyTimeout(Duration.ofSeconds(10)));
        redisKill.inject();
        await().atMost(Duration.ofSeconds(5)).until(() -> pods.names("staging").contains("redis-0-replacement-1"));
        pods.markReady("staging", "redis-0-replacement-1");

        // When
        redisKill.restore();
        PodReplacement first = redisKill.recovery().orElseThrow();
        redisKill.restore();

        // Then
        assertThat(redisKill.isActive()).isFalse();
        assertThat(redisKill.recovery()).contains(first);
        assertThat(pods.names("staging")).containsExactly("redis-0-replacement-1");
    }

    @Test
    void restoreWithoutInjectDoesNothing() {
        // Given
        createPod("staging", "redis-0", "redis", true);
        PodDelete redisKill = new PodDelete("redis-kill", client, ALLOWLIST, PodDeleteConfig.of("staging", "app=redis"));

        // When
        redisKill.restore();

        // Then
        assertThat(redisKill.isActive()).isFalse();
        assertThat(redisKill.recovery()).isEmpty();
        assertThat(pods.names("staging")).containsExactly("redis-0");
    }

    @Test
    void restoreTimesOutWithAClearMessageWhenNoReplacementComesUp() {
        // Given no controller: nothing replaces the deleted pod
        createPod("staging", "web-a", "web", true);
        createPod("staging", "web-b", "web", true);
        PodDelete podKill = new PodDelete("pod-kill", client, ALLOWLIST,
                PodDeleteConfig.of("staging", "app=web").withReadyTimeout(Duration.ofMillis(500)));
        podKill.inject();

        // When / Then
        assertThatThrownBy(podKill::restore)
                .isInstanceOf(FaultException.class)
                .hasMessage("pods app=web in namespace 'staging' did not get back to 2 Ready within 500ms "
                        + "(found 1 pod(s), 1 Ready): is the Deployment/StatefulSet still scaled up and able to "
                        + "schedule? check: kubectl get pods -n staging -l app=web");
        assertThat(podKill.isActive()).isTrue();
        assertThat(podKill.recovery()).isEmpty();
    }

    @Test
    void restoreRecipeWaitsForAsManyReadyPodsAsBeforeTheKill() {
        // Given
        createPod("staging", "web-a", "web", true);
        createPod("staging", "web-b", "web", true);
        createPod("staging", "web-c", "web", false);
        PodDelete podKill = new PodDelete("pod-kill", client, ALLOWLIST, PodDeleteConfig.of("staging", "app=web"));

        // When / Then
        assertThat(podKill.restoreRecipe())
                .isEqualTo(new RestoreRecipe.WaitForPods("staging", "app=web", 2));
    }

    private void createPod(String namespace, String name, String app, boolean ready) {
        pods.create(namespace, name, Map.of("app", app), ready);
    }

    private static Pod pod(String namespace, String name, String app, boolean ready) {
        return MockPods.pod(namespace, name, Map.of("app", app), ready);
    }
}
