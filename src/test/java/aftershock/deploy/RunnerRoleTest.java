package aftershock.deploy;

import aftershock.chaos.kubernetes.NamespaceAllowlist;
import aftershock.chaos.kubernetes.PodDelete;
import aftershock.chaos.kubernetes.PodDeleteConfig;
import aftershock.chaos.kubernetes.ReadyPods;
import aftershock.chaos.kubernetes.ScaleToZero;
import aftershock.chaos.kubernetes.Victims;
import aftershock.distributed.InjectorJob;
import aftershock.distributed.KubernetesInjectors;
import aftershock.distributed.LogStream;
import aftershock.distributed.InjectorReport;
import aftershock.probes.LeaseHolder;
import aftershock.testing.MockPods;
import aftershock.testing.MockServerLogs;
import aftershock.testing.RecordedCalls;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner's Role (deploy/runner/role.yaml) allows every request the runner's code sends: the faults, the leader
 * probe and the injectors' Job, each recorded against the mock API server.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RunnerRoleTest {

    private static final String NS = "aftershock";
    private static final NamespaceAllowlist ALLOWLIST = NamespaceAllowlist.of(NS);

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path runFolder;

    @BeforeAll
    static void quietMockServer() {
        MockServerLogs.quiet();
    }

    private static Role role() {
        return RecordedCalls.role(Path.of("deploy/runner/role.yaml"), "aftershock-runner");
    }

    @Test
    void theRunnersRoleAllowsEveryCallOfTheFaultsTheProbeAndTheInjectorJob() {
        // Given
        MockPods pods = new MockPods(client);
        pods.create(NS, "api-a", Map.of("app", "api"), true);
        pods.create(NS, "api-b", Map.of("app", "api"), true);
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("redis").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "redis").endSelector().endSpec()
                .build()).create();
        client.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata().withName("aftershock-leader")
                .endMetadata().withNewSpec().withHolderIdentity("replica-0").endSpec().build()).create();
        RecordedCalls.drain(server);
        List<RecordedCalls.Call> calls = new ArrayList<>();

        // When pod-kill deletes a pod and its replacement is awaited
        new PodDelete("pod-kill", client, ALLOWLIST, PodDeleteConfig.of(NS, "app=api").withVictims(Victims.all()))
                .inject();
        calls.addAll(RecordedCalls.drain(server));
        pods.create(NS, "api-c", Map.of("app", "api"), true);
        RecordedCalls.drain(server);
        new ReadyPods(client, Clock.systemUTC()).await(NS, "app=api", 1, Set.of(), Duration.ofSeconds(5));
        calls.addAll(RecordedCalls.drain(server));

        // When redis-kill scales Redis to 0 and back
        ScaleToZero redisKill = new ScaleToZero("redis-kill", client, ALLOWLIST, NS, "deployment/redis", "app=redis",
                Duration.ofSeconds(5));
        redisKill.inject();
        calls.addAll(RecordedCalls.drain(server));
        pods.create(NS, "redis-0", Map.of("app", "redis"), true);
        RecordedCalls.drain(server);
        redisKill.restore();
        calls.addAll(RecordedCalls.drain(server));

        // When the leader probe reads the Lease
        new LeaseHolder(client, NS, "aftershock-leader").current();
        calls.addAll(RecordedCalls.drain(server));

        // When the injectors run as a Job, are followed and cleaned up
        calls.addAll(runInjectorJob());

        // Then
        assertThat(calls).extracting(RecordedCalls.Call::toString).isNotEmpty();
        assertThat(calls).extracting(call -> call.verb() + " " + call.resource())
                .contains("delete pods", "list pods", "get deployments", "update deployments/scale", "get leases", "create jobs",
                        "get pods/log", "delete jobs");
        assertThat(RecordedCalls.notAllowed(role(), calls)).isEmpty();
    }

    @Test
    void aPlantedCallTheRoleDoesNotAllowIsNamed() {
        // Given
        RecordedCalls.drain(server);

        // When the code would read the Secrets of the namespace
        client.secrets().inNamespace(NS).list();
        List<RecordedCalls.Call> calls = RecordedCalls.drain(server);

        // Then
        assertThat(RecordedCalls.notAllowed(role(), calls)).containsExactly(
                "Role aftershock-runner does not allow list secrets (GET /api/v1/namespaces/aftershock/secrets)");
    }

    private List<RecordedCalls.Call> runInjectorJob() {
        InjectorJob job = new InjectorJob("podkill-rbac", "aftershock-runner:test", "PodKill", 2,
                Instant.parse("2026-11-30T08:30:00Z"), InjectorJob.PodResources.DEFAULT, Map.of());
        for (int index = 0; index < 2; index++) {
            String name = "podkill-rbac-" + index + "-x7k2p";
            client.pods().inNamespace(NS).resource(new PodBuilder()
                    .withNewMetadata().withName(name).withNamespace(NS)
                        .withLabels(Map.of("app.kubernetes.io/instance", "podkill-rbac"))
                        .withAnnotations(Map.of("batch.kubernetes.io/job-completion-index", Integer.toString(index)))
                    .endMetadata()
                    .withNewStatus().withPhase("Succeeded").withContainerStatuses(new ContainerStatusBuilder()
                            .withName("injector").withNewState().withNewTerminated().withExitCode(0).endTerminated()
                            .endState().build()).endStatus()
                    .build()).create();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
            LogStream.send(index, InjectorReport.INTERVAL_LOG, "0.000,1.000,0.010,HISTF\n", out);
            LogStream.send(index, InjectorReport.FILE, "{}\n", out);
            server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + name + "/log?pretty=false&follow=true")
                    .andReturn(200, log.toString(StandardCharsets.UTF_8)).always();
        }
        // The pods and their logs above are the test playing the Job controller, not the runner's calls.
        RecordedCalls.drain(server);
        try (KubernetesInjectors injectors = new KubernetesInjectors(client, ALLOWLIST, NS, job, runFolder,
                Duration.ofSeconds(5), Duration.ofSeconds(10), false)) {
            assertThat(injectors.run().lost()).isEmpty();
        }
        return RecordedCalls.drain(server);
    }
}
