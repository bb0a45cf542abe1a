package aftershock.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RotationTest {

    private static final InetSocketAddress FIRST = new InetSocketAddress("127.0.0.1", 9001);
    private static final InetSocketAddress SECOND = new InetSocketAddress("127.0.0.1", 9002);
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void sendsRoundRobinToEveryReplicaInRotation() {
        // Given two healthy replicas
        Rotation rotation = new Rotation(List.of(FIRST, SECOND), Duration.ZERO);

        // When four requests are routed
        List<InetSocketAddress> routed = IntStream.range(0, 4).mapToObj(i -> rotation.next()).toList();

        // Then they alternate
        assertThat(routed).containsExactly(FIRST, SECOND, FIRST, SECOND);
    }

    @Test
    void aFailedReplicaLeavesAtOnceAndComesBackWhenReady() {
        // Given two replicas, without a deregistration delay
        Rotation rotation = new Rotation(List.of(FIRST, SECOND), Duration.ZERO);

        // When the first fails a check
        rotation.failed(FIRST, T0);

        // Then every request goes to the second, until the first is ready again
        assertThat(IntStream.range(0, 3).mapToObj(i -> rotation.next())).containsOnly(SECOND);
        rotation.ready(FIRST);
        assertThat(rotation.inRotation()).containsExactly(FIRST, SECOND);
    }

    @Test
    void aSlowDeregistrationKeepsTheFailingReplicaForItsDelay() {
        // Given a front door that keeps failing replicas for 15 s
        Rotation rotation = new Rotation(List.of(FIRST, SECOND), Duration.ofSeconds(15));

        // When the first keeps failing for 14.9 s
        rotation.failed(FIRST, T0);
        rotation.failed(FIRST, T0.plusMillis(14_900));

        // Then it is still in rotation, and out once 15 s have passed
        assertThat(rotation.inRotation()).containsExactly(FIRST, SECOND);
        rotation.failed(FIRST, T0.plusSeconds(15));
        assertThat(rotation.inRotation()).containsExactly(SECOND);
    }

    @Test
    void aReadyCheckResetsTheDeregistrationClock() {
        // Given a failing replica with a 15 s delay that answers ready in between
        Rotation rotation = new Rotation(List.of(FIRST, SECOND), Duration.ofSeconds(15));
        rotation.failed(FIRST, T0);
        rotation.ready(FIRST);

        // When it fails again 16 s after its first failure
        rotation.failed(FIRST, T0.plusSeconds(16));

        // Then the delay counts from the new failure: it stays
        assertThat(rotation.inRotation()).contains(FIRST);
    }

    @Test
    void withNoReplicaReadyItFailsOpenToAllOfThem() {
        // Given two replicas that both fail their readiness (Redis is down, and readiness includes it)
        Rotation rotation = new Rotation(List.of(FIRST, SECOND), Duration.ZERO);
        rotation.failed(FIRST, T0);
        rotation.failed(SECOND, T0);

        // When requests are routed
        List<InetSocketAddress> routed = IntStream.range(0, 4).mapToObj(i -> rotation.next()).toList();

        // Then they go to both, rather than nowhere
        assertThat(rotation.anyInRotation()).isFalse();
        assertThat(routed).contains(FIRST, SECOND);
        assertThat(rotation.nextOtherThan(FIRST)).contains(SECOND);
    }

    @Test
    void aSingleReplicaHasNoOtherToRetryOn() {
        Rotation rotation = new Rotation(List.of(FIRST), Duration.ZERO);

        rotation.failed(FIRST, T0);

        assertThat(rotation.next()).isEqualTo(FIRST);
        assertThat(rotation.nextOtherThan(FIRST)).isEmpty();
    }

    @Test
    void aRetryNeverGoesBackToTheReplicaThatRefused() {
        Rotation rotation = new Rotation(List.of(FIRST, SECOND), Duration.ofSeconds(15));

        assertThat(IntStream.range(0, 4).mapToObj(i -> rotation.nextOtherThan(FIRST).orElseThrow())).containsOnly(SECOND);
    }

    @Test
    void anUnknownBackendIsRefusedByName() {
        Rotation rotation = new Rotation(List.of(FIRST), Duration.ZERO);

        assertThatThrownBy(() -> rotation.failed(SECOND, T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown backend").hasMessageContaining("9002");
    }
}
