package aftershock.probes;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    /** One sample sent every 100 ms and answered at once; the pattern's characters are '+' (OK) and '-' (failed). */
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
        // 10 samples from 200 ms on; the 9 spans before the last: 200-500 down, 500-600 up, 600-700 down, then up.
        assertThat(recovery.availabilityPercent()).isCloseTo(100.0 * 5 / 9, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aFlappingSystemHasNotRecoveredUntilItHoldsKInARow() {
        Recovery recovery = Recovery.of(samples("--+-++-++-"), T0, T0, 3);

        assertThat(recovery.recoveredAt()).isEmpty();
    }

    @Test
    void okProbesBeforeTheFaultTakesEffectAreNoRecovery() {
        // Given three OK answers right after the kill, then an outage that is still going
        Recovery recovery = Recovery.of(samples("+++-------"), T0, T0, 2);

        // Then it has not recovered, and the outage counts up to the last probe sent
        assertThat(recovery.recoveredAt()).isEmpty();
        assertThat(recovery.maxDowntime()).isEqualTo(Duration.ofMillis(600));
        assertThat(recovery.firstFailureAt()).contains(T0.plusMillis(300));
    }

    @Test
    void aHeldFaultRecoversOnlyAfterItsRestoration() {
        // Healthy at first (degraded mode), down, then healthy again after the restore at 600 ms.
        Recovery recovery = Recovery.of(samples("+++---+++++"), T0, T0.plusMillis(600), 3);

        assertThat(recovery.recoveredAt()).contains(T0.plusMillis(600));
    }

    @Test
    void aHangIsDownFromTheSendTimeOfTheFirstProbeThatHungToThatOfTheFirstOkProbe() {
        // Given probes sent every 100 ms; from 1.0 s to 13.0 s each hangs for the 1 s timeout and fails,
        // so its answer comes a full second after it was sent; from 13.0 s they answer in 5 ms
        List<ProbeSample> samples = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Instant sent = T0.plusMillis(100L * i);
            boolean hanging = i >= 10 && i < 130;
            samples.add(hanging ? new ProbeSample(sent, sent.plusSeconds(1), false)
                    : new ProbeSample(sent, sent.plusMillis(5), true));
        }

        // When the kill was at 1.0 s
        Recovery recovery = Recovery.of(samples, T0.plusSeconds(1), T0.plusSeconds(1), 3);

        // Then the downtime is the 12 s the endpoint hung, not the 11 s between the first and last failed answers
        assertThat(recovery.maxDowntime()).isEqualTo(Duration.ofSeconds(12));
        assertThat(recovery.firstFailureAt()).contains(T0.plusSeconds(1));
        assertThat(recovery.recoveredAt()).contains(T0.plusSeconds(13));
    }

    @Test
    void availabilityIsWeightedByTimeNotByProbeCount() {
        // Given an OK probe, a 2 s gap (the next probe was sent late), then failed probes every 100 ms
        List<ProbeSample> samples = List.of(
                new ProbeSample(T0, true),
                new ProbeSample(T0.plusMillis(2000), false),
                new ProbeSample(T0.plusMillis(2100), false),
                new ProbeSample(T0.plusMillis(2200), false),
                new ProbeSample(T0.plusMillis(2300), true));

        Recovery recovery = Recovery.of(samples, T0, T0, 1);

        // Then the system was up for 2.0 s of 2.3 s, although only 2 of 5 probes were OK
        assertThat(recovery.availabilityPercent()).isCloseTo(100.0 * 2000 / 2300, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aProbeThatNeverFailsRecoversAtOnceAndSaysSo() {
        Recovery recovery = Recovery.of(samples("++++++"), T0, T0, 3);

        assertThat(recovery.sawFailure()).isFalse();
        assertThat(recovery.recoveredAt()).contains(T0);
        assertThat(recovery.maxDowntime()).isZero();
        assertThat(recovery.availabilityPercent()).isEqualTo(100.0);
    }
}
