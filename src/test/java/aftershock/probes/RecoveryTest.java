package aftershock.probes;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    /** One sample every 100 ms; the pattern's characters are '+' (OK) and '-' (failed). */
    private static List<ProbeSample> samples(String pattern) {
        List<ProbeSample> samples = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            samples.add(new ProbeSample(T0.plusMillis(100L * i), pattern.charAt(i) == '+'));
        }
        return samples;
    }

    @Test
    void recoveryIsTheFirstOfKConsecutiveOkProbes() {
        //                                  0123456789012345
        Recovery recovery = Recovery.of(samples("++---+-+++++"), T0.plusMillis(200), T0.plusMillis(200), 3);

        assertThat(recovery.recoveredAt()).contains(T0.plusMillis(700));
        assertThat(recovery.maxDowntime()).isEqualTo(Duration.ofMillis(300));
        assertThat(recovery.availabilityPercent()).isEqualTo(60.0);
    }

    @Test
    void aFlappingSystemHasNotRecoveredUntilItHoldsKInARow() {
        Recovery recovery = Recovery.of(samples("--+-++-++-"), T0, T0, 3);

        assertThat(recovery.recoveredAt()).isEmpty();
    }

    @Test
    void anOutageStillGoingAtTheEndCountsUpToTheLastSample() {
        Recovery recovery = Recovery.of(samples("+++-------"), T0, T0, 2);

        assertThat(recovery.maxDowntime()).isEqualTo(Duration.ofMillis(600));
        assertThat(recovery.recoveredAt()).contains(T0);
    }

    @Test
    void aHeldFaultRecoversOnlyAfterItsRestoration() {
        // Healthy at first (degraded mode), down, then healthy again after the restore at 600 ms.
        Recovery recovery = Recovery.of(samples("+++---+++++"), T0, T0.plusMillis(600), 3);

        assertThat(recovery.recoveredAt()).contains(T0.plusMillis(600));
    }
}
