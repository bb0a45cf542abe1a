package aftershock.builtin;

import aftershock.testing.MockServerLogs;
import aftershock.testing.RecordedCalls;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The built-in target's Role (deploy/target/rbac.yaml) allows every call of its Kubernetes leader election. */
@EnableKubernetesMockClient(crud = true, https = false)
class TargetRoleTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @BeforeAll
    static void quietMockServer() {
        MockServerLogs.quiet();
    }

    @Test
    void theTargetsRoleAllowsEveryCallOfTheLeaseElection() {
        // Given
        Role role = RecordedCalls.role(Path.of("deploy/target/rbac.yaml"), "aftershock-target");
        RecordedCalls.drain(server);
        LeaderElection.Timing timing = new LeaderElection.Timing(Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofMillis(200));

        // When a replica takes the Lease, renews it, and leaves
        List<RecordedCalls.Call> calls = new ArrayList<>();
        try (KubernetesLeaderElection replica = new KubernetesLeaderElection(client, "aftershock", "aftershock-leader",
                "replica-0", timing, run -> { })) {
            replica.start();
            // (generous limits: this checks which calls are sent, not how fast on a busy machine)
            await().atMost(Duration.ofSeconds(20)).until(replica::leading);
            await().atMost(Duration.ofSeconds(20)).alias("two renewals of the Lease").until(() -> {
                calls.addAll(RecordedCalls.drain(server));
                return calls.stream().filter(call -> call.verb().equals("patch") || call.verb().equals("update")).count() >= 2;
            });
        }
        calls.addAll(RecordedCalls.drain(server));

        // Then
        assertThat(calls).extracting(RecordedCalls.Call::verb).contains("get", "create", "patch");
        assertThat(RecordedCalls.notAllowed(role, calls)).isEmpty();
    }
}
