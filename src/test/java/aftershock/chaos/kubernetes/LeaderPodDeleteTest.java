package aftershock.chaos.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.probes.JobRun;
import aftershock.probes.JobRuns;
import aftershock.probes.LeaseHolder;
import aftershock.testing.MockPods;
import aftershock.testing.MockServerLogs;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class LeaderPodDeleteTest {

    static KubernetesClient client;

    private final List<JobRun> recorded = new CopyOnWriteArrayList<>();
    private final JobRuns runs = new JobRuns() {
        @Override
        public List<JobRun> since(Instant from) {
            return recorded.stream().filter(run -> !run.at().isBefore(from)).toList();
        }

        @Override
        public String describe() {
            return "recorded runs";
        }
    };
    private MockPods pods;

    @BeforeAll
    static void quietMockServer() {
        MockServerLogs.quiet();
    }

    @BeforeEach
    void twoApiPods() {
        pods = new MockPods(client);
        pods.create("staging", "api-a", Map.of("app", "api"), true);
        pods.create("staging", "api-b", Map.of("app", "api"), true);
    }

    @AfterEach
    void deleteAll() {
        pods.stopControllerAndDelete("staging");
        client.leases().inNamespace("staging").delete();
    }

    private void leaseHeldBy(String holder) {
        ZonedDateTime now = ZonedDateTime.now();
        client.leases().inNamespace("staging").resource(new LeaseBuilder().withNewMetadata().withName("api-leader").endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(15).withRenewTime(now).endSpec().build()).create();
    }

    private LeaderPodDelete fault() {
        return new LeaderPodDelete(client, NamespaceAllowlist.of("staging"), PodDeleteConfig.of("staging", "app=api"),
                new LeaseHolder(client, "staging", "api-leader"), runs);
    }

    @Test
    void deletesOnlyThePodTheLeaseNamesAndRecoversWhenAnotherHolderRunsTheJob() {
        // Given a Lease held by api-b
        leaseHeldBy("api-b");
        LeaderPodDelete fault = fault();

        // When the leader is killed
        fault.inject();

        // Then api-b alone is gone, and no new leader is seen until api-a runs the job
        assertThat(pods.names("staging")).containsExactly("api-a");
        assertThat(fault.newLeaderProbe().check()).isFalse();
        recorded.add(new JobRun("api-a", 2, Instant.now().plusMillis(5)));
        assertThat(fault.newLeaderProbe().check()).isTrue();
        FaultEvidence evidence = fault.evidence();
        assertThat(evidence.isObserved()).isTrue();
        assertThat(evidence.description()).startsWith("leader api-b: ").endsWith("api-a runs the leader job");
        assertThat(evidence.componentRecovery()).isPresent();
    }

    @Test
    void refusesWhenTheLeaseNamesNoPodOfTheServiceAndDeletesNothing() {
        // Given a Lease held by a stand-in that is no api pod
        leaseHeldBy("stand-in");

        // Then the kill is refused with what was looked for, and both pods remain
        assertThatThrownBy(() -> fault().inject()).isInstanceOf(FaultException.class).hasMessageContaining("app=api");
        assertThat(pods.names("staging")).containsExactlyInAnyOrder("api-a", "api-b");
    }
}
