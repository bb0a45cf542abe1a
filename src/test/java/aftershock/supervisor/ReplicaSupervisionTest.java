package aftershock.supervisor;

import aftershock.builtin.Defect;
import aftershock.testing.TargetCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.chaos.local.ReplicaKill;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSupervisionTest {

    @Test
    void aKilledReplicaRefusesConnectionsAndTheSupervisorBringsItBackAfterTheRestartDelay() {
        Duration restartDelay = Duration.ofSeconds(1);
        try (LocalTarget target = LocalTarget.start(TargetOptions.defaults().withRestartDelay(restartDelay))) {
            // Given two healthy replicas
            Replica victim = target.replica(0);
            long oldPid = victim.pid();

            // When replica 0 is SIGKILLed
            Instant killedAt = target.killReplica(0);

            // Then its /health refuses while replica 1 keeps answering
            assertThat(ReplicaLauncher.isHealthy(victim.url())).isFalse();
            assertThat(ReplicaLauncher.isHealthy(target.replica(1).url())).isTrue();

            // And the supervisor starts a new process on the same port, not before the restart delay
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ReplicaLauncher.isHealthy(victim.url()));
            assertThat(Duration.between(killedAt, Instant.now())).isGreaterThanOrEqualTo(restartDelay);
            assertThat(victim.pid()).isNotEqualTo(oldPid);
            assertThat(victim.restartCount()).isEqualTo(1);
            assertThat(TargetCalls.accessToken(victim.url())).isNotBlank();
        }
    }

    @Test
    void withAutoRestartOffAKilledReplicaStaysDownUntilTheFaultIsRestored() {
        try (LocalTarget target = LocalTarget.start(TargetOptions.defaults().withReplicas(1).withAutoRestart(false)
                .withRestartDelay(Duration.ofMillis(200)))) {
            // Given a pod-kill fault on replica 0
            ReplicaKill podKill = new ReplicaKill(target, List.of(0));
            assertThat(podKill.describe()).matches("SIGKILL replica-0 pid \\d+ \\(http://127\\.0\\.0\\.1:\\d+\\)");

            // When it is injected
            podKill.inject();

            // Then nothing brings the replica back on its own
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> !ReplicaLauncher.isHealthy(target.replica(0).url()));
            assertThat(podKill.isActive()).isTrue();

            // When it is restored (twice: idempotent)
            podKill.restore();
            podKill.restore();

            // Then the replica answers again
            assertThat(ReplicaLauncher.isHealthy(target.replica(0).url())).isTrue();
            assertThat(podKill.isActive()).isFalse();
        }
    }

    @Test
    void withTheSlowRestartDefectARestartedReplicaListensOnlyAfterItsSleep() {
        Duration sleep = Duration.ofSeconds(3);
        try (LocalTarget target = LocalTarget.start(TargetOptions.defaults().withReplicas(1)
                .withDefects(Defect.SLOW_RESTART.key()).withSlowRestart(sleep).withRestartDelay(Duration.ofMillis(200)))) {
            // Given a replica whose first start was not slowed down
            Replica replica = target.replica(0);

            // When it is killed
            Instant killedAt = target.killReplica(0);

            // Then its replacement answers only after the restart delay plus the sleep
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ReplicaLauncher.isHealthy(replica.url()));
            assertThat(Duration.between(killedAt, Instant.now())).isGreaterThan(sleep.plusMillis(200));
        }
    }

    @Test
    void closeLeavesNoProcessAlive() {
        // Given a running target
        LocalTarget target = LocalTarget.start(TargetOptions.defaults().withReplicas(1));
        List<Long> pids = target.pids();
        assertThat(pids).hasSize(2);

        // When it is closed
        target.close();

        // Then none of its processes runs
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(target.pids()).isEmpty();
    }
}
