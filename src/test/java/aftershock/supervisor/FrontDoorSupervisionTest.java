package aftershock.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.builtin.Defect;
import aftershock.frontdoor.FrontDoor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The built-in target's front door in front of real replica processes. */
class FrontDoorSupervisionTest {

    private static InetSocketAddress address(Replica replica) {
        return new InetSocketAddress("127.0.0.1", replica.port());
    }

    /** The health check's client waits 500 ms: a cold proxy on a busy machine may take longer for its first answer. */
    private static void awaitAnswers(FrontDoor door) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> ReplicaLauncher.isHealthy(door.url()));
    }

    @Test
    void aKilledReplicaLeavesTheRotationAtOnceAndComesBackOnceRestarted() {
        try (LocalTarget target = LocalTarget.start(TargetOptions.defaults().withRestartDelay(Duration.ofSeconds(1)))) {
            // Given two replicas behind the front door
            FrontDoor door = target.frontDoor().orElseThrow();
            assertThat(door.rotation().inRotation()).hasSize(2);
            awaitAnswers(door);

            // When replica 0 is SIGKILLed
            Instant killedAt = target.killReplica(0);

            // Then it leaves the rotation within a second, while the front door keeps answering
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !door.rotation().inRotation().contains(address(target.replica(0))));
            assertThat(Duration.between(killedAt, Instant.now())).isLessThan(Duration.ofSeconds(1));
            awaitAnswers(door);

            // And it comes back once the supervisor restarted it
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> door.rotation().inRotation().size() == 2);
        }
    }

    @Test
    void withTheSlowDeregistrationDefectADeadReplicaStaysInRotation() {
        try (LocalTarget target = LocalTarget.start(TargetOptions.defaults().withAutoRestart(false)
                .withDefects(Defect.SLOW_DEREGISTRATION.key()))) {
            // Given the front door of a target with slow deregistration planted
            FrontDoor door = target.frontDoor().orElseThrow();
            assertThat(door.options().deregistrationDelay()).isEqualTo(TargetOptions.SLOW_DEREGISTRATION_DELAY);

            // When replica 0 is killed (and not restarted)
            target.killReplica(0);

            // Then it stays in rotation for seconds, though it refuses every connection
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> door.rotation().inRotation().contains(address(target.replica(0))));
        }
    }
}
