package aftershock.distributed;

import aftershock.chaos.kubernetes.NamespaceAllowlist;
import aftershock.testing.MockServerLogs;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesInjectorsTest {

    private static final String NS = "aftershock";
    private static final NamespaceAllowlist ALLOWLIST = NamespaceAllowlist.of(NS);
    private static final String HLOG = "#[StartTime: 1764487800.000 (seconds since epoch)]\n0.000,1.000,0.010,HISTF\n";
    private static final Instant START = Instant.parse("2026-11-30T08:30:00Z");

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path runFolder;

    private KubernetesInjectors injectors;

    @BeforeAll
    static void quietMockServer() {
        MockServerLogs.quiet();
    }

    @AfterEach
    void cleanUp() {
        if (injectors != null) {
            injectors.close();
        }
        client.batch().v1().jobs().inNamespace(NS).delete();
        client.pods().inNamespace(NS).delete();
    }

    private static InjectorJob job(String name) {
        return new InjectorJob(name, "aftershock-runner:test", "PodKill", 2, START, InjectorJob.PodResources.DEFAULT,
                Map.of("scale", "0.1"));
    }

    private KubernetesInjectors injectors(String name, Duration podStartTimeout, boolean keep) {
        injectors = new KubernetesInjectors(client, ALLOWLIST, NS, job(name), runFolder, podStartTimeout,
                Duration.ofSeconds(10), keep);
        return injectors;
    }

    /** What the Job controller would create: pod {@code index} of the Job, in the given container state. */
    private static void pod(String job, int index, ContainerStatus status) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withNamespace(NS).withName(job + "-" + index + "-x7k2p")
                    .withLabels(Map.of(InjectorJob.INSTANCE_LABEL, job))
                    .withAnnotations(Map.of(InjectorJob.COMPLETION_INDEX_ANNOTATION, Integer.toString(index)))
                .endMetadata()
                .withNewSpec().addNewContainer().withName("injector").withImage("aftershock-runner:test").endContainer()
                .endSpec()
                .withNewStatus().withPhase(status.getState().getWaiting() != null ? "Pending"
                        : status.getState().getRunning() != null ? "Running"
                        : status.getState().getTerminated().getExitCode() == 0 ? "Succeeded" : "Failed")
                    .withContainerStatuses(status).endStatus()
                .build();
        client.pods().inNamespace(NS).resource(pod).createOr(existing -> existing.update());
    }

    private static ContainerStatus ended(int exitCode) {
        return new ContainerStatusBuilder().withName("injector").withNewState().withNewTerminated()
                .withExitCode(exitCode).endTerminated().endState().build();
    }

    private static ContainerStatus running() {
        return new ContainerStatusBuilder().withName("injector").withNewState().withNewRunning().endRunning().endState()
                .build();
    }

    private static ContainerStatus waiting(String reason, String message) {
        return new ContainerStatusBuilder().withName("injector").withNewState().withNewWaiting().withReason(reason)
                .withMessage(message).endWaiting().endState().build();
    }

    private static String streams(int index, boolean cutShort) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        out.println("Simulation aftershock.simulations.PodKill started...");
        LogStream.send(index, InjectorReport.INTERVAL_LOG, HLOG, out);
        LogStream.send(index, InjectorReport.FILE, "{\"index\":" + index + "}\n", out);
        String log = bytes.toString(StandardCharsets.UTF_8);
        return cutShort ? log.substring(0, log.indexOf("HISTF") + 5) + "\n" : log;
    }

    private static void log(String job, int index, String text) {
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + job + "-" + index
                + "-x7k2p/log?pretty=false&follow=true").andReturn(200, text).always();
    }

    @Test
    void createsTheIndexedJobAndGathersEachInjectorsStreamsIntoItsFolder() throws Exception {
        // Given two injector pods that ended well, their logs holding their streams
        pod("podkill-a", 0, ended(0));
        pod("podkill-a", 1, ended(0));
        log("podkill-a", 0, streams(0, false));
        log("podkill-a", 1, streams(1, false));

        // When
        KubernetesInjectors.Result result = injectors("podkill-a", Duration.ofSeconds(5), false).run();

        // Then
        assertThat(result.lost()).isEmpty();
        assertThat(result.complete()).isTrue();
        assertThat(result.exitCodes()).isEqualTo(Map.of(0, 0, 1, 0));
        assertThat(Files.readString(runFolder.resolve("injector-1/requests.hlog"))).isEqualTo(HLOG);
        assertThat(Files.readString(runFolder.resolve("injector-0/injector.json"))).isEqualTo("{\"index\":0}\n");
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("podkill-a").get().getSpec().getCompletions())
                .isEqualTo(2);
    }

    @Test
    void followsAPodsLogWhileItRunsNotOnlyOnceItEnded() throws Exception {
        // Given injector 1 still running
        pod("podkill-b", 0, ended(0));
        pod("podkill-b", 1, running());
        log("podkill-b", 0, streams(0, false));
        log("podkill-b", 1, streams(1, false));
        while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // drop what earlier tests sent
        }

        // When the run starts, and injector 1 ends only after its log was asked for
        CompletableFuture<KubernetesInjectors.Result> run = CompletableFuture.supplyAsync(
                () -> injectors("podkill-b", Duration.ofSeconds(5), false).run());
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            RecordedRequest request = server.takeRequest(50, TimeUnit.MILLISECONDS);
            return request != null && request.getPath().contains("podkill-b-1-x7k2p/log");
        });
        assertThat(run).isNotDone();
        pod("podkill-b", 1, ended(0));

        // Then
        assertThat(run.get(10, TimeUnit.SECONDS).lost()).isEmpty();
        assertThat(runFolder.resolve("injector-1/requests.hlog")).hasContent(HLOG.strip());
    }

    @Test
    void anInjectorLostMidRunIsNamedAndTheRunIsNeverComplete() {
        // Given injector 1 killed while sending its interval log
        pod("podkill-c", 0, ended(0));
        pod("podkill-c", 1, ended(137));
        log("podkill-c", 0, streams(0, false));
        log("podkill-c", 1, streams(1, true));

        // When
        KubernetesInjectors.Result result = injectors("podkill-c", Duration.ofSeconds(5), false).run();

        // Then
        assertThat(result.complete()).isFalse();
        assertThat(result.exitCodes()).containsEntry(1, 137);
        assertThat(result.lost()).containsExactly(
                "requests.hlog from injector 1 was cut off after 2 lines: its end line never came (the pod died or its"
                        + " log stopped) (exit code 137; kubectl -n aftershock logs podkill-c-1-x7k2p)",
                "injector 1 never sent injector.json (its stream never began) (exit code 137; kubectl -n aftershock logs"
                        + " podkill-c-1-x7k2p)");
        assertThat(runFolder.resolve("injector-1/requests.hlog")).doesNotExist();
    }

    @Test
    void aPodThatCannotPullItsImageStopsTheRunAtOnceWithTheReason() {
        // Given
        pod("podkill-d", 0, running());
        pod("podkill-d", 1, waiting("ImagePullBackOff", "Back-off pulling image \"aftershock-runner:test\""));
        log("podkill-d", 0, streams(0, false));

        // When / Then: well before the pod start timeout
        long started = System.nanoTime();
        assertThatThrownBy(() -> injectors("podkill-d", Duration.ofMinutes(5), false).run())
                .isInstanceOf(KubernetesInjectors.PodsNotStarting.class)
                .hasMessage("injector 1 (pod podkill-d-1-x7k2p) cannot start: ImagePullBackOff: Back-off pulling image"
                        + " \"aftershock-runner:test\"; is image aftershock-runner:test built and loaded"
                        + " (mvn -Pimage ... jib:dockerBuild, kind load docker-image)?");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aPodPendingLongerThanThePodStartTimeoutStopsTheRunWithTheSchedulersReason() {
        // Given a pod the scheduler cannot place
        Pod pending = new PodBuilder()
                .withNewMetadata().withNamespace(NS).withName("podkill-e-1-x7k2p")
                    .withLabels(Map.of(InjectorJob.INSTANCE_LABEL, "podkill-e"))
                    .withAnnotations(Map.of(InjectorJob.COMPLETION_INDEX_ANNOTATION, "1")).endMetadata()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                    .withReason("Unschedulable").withMessage("0/1 nodes are available: 1 Insufficient cpu.")
                    .endCondition().endStatus()
                .build();
        client.pods().inNamespace(NS).resource(pending).create();

        // When / Then
        assertThatThrownBy(() -> injectors("podkill-e", Duration.ofMillis(500), false).run())
                .isInstanceOf(KubernetesInjectors.PodsNotStarting.class)
                .hasMessageStartingWith("injector 1 (pod podkill-e-1-x7k2p) is still Pending after 0 s (PodScheduled:"
                        + " Unschedulable 0/1 nodes are available: 1 Insufficient cpu.)");
    }

    @Test
    void deletesTheJobAndItsPodsAfterCollection() {
        // Given
        pod("podkill-f", 0, ended(0));
        pod("podkill-f", 1, ended(0));
        log("podkill-f", 0, streams(0, false));
        log("podkill-f", 1, streams(1, false));
        injectors("podkill-f", Duration.ofSeconds(5), false).run();

        // When
        injectors.close();
        injectors.close();

        // Then
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("podkill-f").get()).isNull();
        assertThat(client.pods().inNamespace(NS).withLabel(InjectorJob.INSTANCE_LABEL, "podkill-f").list().getItems())
                .isEmpty();
    }

    @Test
    void keepsTheJobAndItsPodsWhenAsked() {
        // Given
        pod("podkill-g", 0, ended(0));
        pod("podkill-g", 1, ended(0));
        log("podkill-g", 0, streams(0, false));
        log("podkill-g", 1, streams(1, false));
        injectors("podkill-g", Duration.ofSeconds(5), true).run();

        // When
        injectors.close();

        // Then
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("podkill-g").get()).isNotNull();
        assertThat(client.pods().inNamespace(NS).withLabel(InjectorJob.INSTANCE_LABEL, "podkill-g").list().getItems())
                .hasSize(2);
    }
}
