package aftershock.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.probes.LeaseHolder;
import aftershock.testing.MockServerLogs;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Lease path against fabric8's mock API server; a stand-in holder plays the other replica. Logic, not timing. */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesLeaderElectionTest {

    private static final String NAMESPACE = "staging";
    private static final String LEASE = "aftershock-leader";
    private static final LeaderElection.Timing TIMING = new LeaderElection.Timing(Duration.ofSeconds(2), Duration.ofMillis(200),
            Duration.ofMillis(200));

    static KubernetesClient client;

    private final List<Long> jobRuns = new CopyOnWriteArrayList<>();
    private KubernetesLeaderElection election;

    @BeforeAll
    static void quietMockServer() {
        MockServerLogs.quiet();
    }

    @AfterEach
    void leaveAndDelete() {
        if (election != null) {
            election.close();
        }
        client.leases().inNamespace(NAMESPACE).delete();
    }

    private static void standInHolds(ZonedDateTime renewedAt) {
        client.leases().inNamespace(NAMESPACE).resource(new LeaseBuilder().withNewMetadata().withName(LEASE).endMetadata()
                .withNewSpec().withHolderIdentity("stand-in").withLeaseDurationSeconds(2).withAcquireTime(renewedAt)
                .withRenewTime(renewedAt).withLeaseTransitions(4).endSpec().build()).createOr(existing -> existing.update());
    }

    private KubernetesLeaderElection replica(String identity) {
        return new KubernetesLeaderElection(client, NAMESPACE, LEASE, identity, TIMING, jobRuns::add);
    }

    @Test
    void aReplicaNeverLeadsWhileTheStandInRenewsItsLease() {
        // Given a stand-in holder that keeps its Lease fresh
        standInHolds(ZonedDateTime.now());
        election = replica("replica-0");

        // When the replica joins the election while the stand-in renews for three lease durations
        election.start();

        // Then the replica never leads nor runs the job all that time, and the probe names the stand-in
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500)).until(() -> {
            standInHolds(ZonedDateTime.now());
            return !election.leading() && jobRuns.isEmpty();
        });
        assertThat(new LeaseHolder(client, NAMESPACE, LEASE).current()).contains("stand-in");
    }

    @Test
    void aReplicaTakesTheLeaseTheStandInStoppedRenewingAndRunsTheJobInTheNextTerm() {
        // Given a stand-in whose Lease expired long ago
        standInHolds(ZonedDateTime.now().minusMinutes(1));
        assertThat(new LeaseHolder(client, NAMESPACE, LEASE).current()).as("an expired lease is held by nobody").isEmpty();
        election = replica("replica-0");

        // When the replica joins the election
        election.start();

        // Then it takes the Lease, the probe names it, and it runs the job in the term after the stand-in's
        await().atMost(Duration.ofSeconds(20)).until(election::leading);
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("replica-0");
        assertThat(new LeaseHolder(client, NAMESPACE, LEASE).current()).contains("replica-0");
        await().atMost(Duration.ofSeconds(10)).until(() -> !jobRuns.isEmpty());
        assertThat(jobRuns.get(0)).isEqualTo(5L);
    }

    @Test
    void aReplicaThatLosesTheLeaseToTheStandInStopsRunningTheJob() {
        // Given a replica that leads
        election = replica("replica-0");
        election.start();
        await().atMost(Duration.ofSeconds(20)).until(election::leading);

        // When the stand-in takes the Lease over (as a replica that saw it expire would)
        standInHolds(ZonedDateTime.now());

        // Then the replica stops leading, and runs the job no more
        await().atMost(Duration.ofSeconds(20)).until(() -> !election.leading());
        int runsWhenStopped = jobRuns.size();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> jobRuns.size() == runsWhenStopped);
        assertThat(election.lastSeenLeader()).isEqualTo("stand-in");
    }
}
