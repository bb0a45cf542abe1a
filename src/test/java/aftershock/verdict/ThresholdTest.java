package aftershock.verdict;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdTest {

    private static final NamedFault POD_KILL = () -> "pod-kill";

    @Test
    void theClassJavadocExamplesReadAsTheyPrint() {
        NamedFault podKill = POD_KILL;

        Threshold p95 = Threshold.below(Metric.P95_MILLIS, Duration.ofMillis(500));
        Threshold recovery = Threshold.below(Metric.RECOVERY_SECONDS, Duration.ofMillis(1500)).forFault(podKill)
                .warnAt(Duration.ofSeconds(60));
        Threshold errors = Threshold.below(Metric.ERROR_RATE_PERCENT, 5).forPhase(Phase.AFTER);

        assertThat(p95.name()).isEqualTo("P95 < 500 ms");
        assertThat(recovery.name()).isEqualTo("recovery time of pod-kill < 1.5 s");
        assertThat(recovery.warnLimit()).isEqualTo(60.0);
        assertThat(errors.name()).isEqualTo("error rate (after fault) < 5 %");
    }

    @Test
    void aTimeLimitKeepsItsMillisecondsInTheMetricsUnit() {
        assertThat(Threshold.below(Metric.RECOVERY_SECONDS, Duration.ofMillis(1500)).passLimit()).isEqualTo(1.5);
        assertThat(Threshold.below(Metric.P95_MILLIS, Duration.ofSeconds(1)).passLimit()).isEqualTo(1000.0);
        assertThat(Threshold.atMost(Metric.P95_ABOVE_BASELINE_MILLIS, Duration.ofMillis(50)).name())
                .isEqualTo("P95 above baseline <= 50 ms");
    }

    @Test
    void aRecoveryOfOnePointSixSecondsFailsAOnePointFiveSecondLimitAndOnePointFourPasses() {
        Threshold recovery = Threshold.below(Metric.RECOVERY_SECONDS, Duration.ofMillis(1500));

        assertThat(recovery.judge(1.6)).isEqualTo(Verdict.FAIL);
        assertThat(recovery.judge(1.4)).isEqualTo(Verdict.PASS);
        assertThat(recovery.judge(1.5)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aDurationIsRefusedForAMetricThatIsNotATime() {
        assertThatThrownBy(() -> Threshold.below(Metric.ERROR_RATE_PERCENT, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("error rate is not a time");
    }

    @Test
    void describedAsNamesTheRuleAndAddsItsComparisonAndLimit() {
        Threshold failover = Threshold.below(Metric.RECOVERY_SECONDS, Duration.ofMillis(10_250)).forFault(() -> "redis-failover")
                .describedAs("failover (writes resume through Sentinel)");

        assertThat(failover.name()).isEqualTo("failover (writes resume through Sentinel) < 10.25 s");
        assertThat(failover.scope()).isEqualTo("redis-failover");
        assertThat(Threshold.atMost(Metric.LOST_WRITES, 0).describedAs("sessions lost").name()).isEqualTo("sessions lost <= 0");
    }

    @Test
    void aThresholdOverSeveralFaultsTakesTheirOneNameAndRefusesMixedNames() {
        Threshold recovery = Threshold.below(Metric.RECOVERY_SECONDS, 30).forFaults(List.of(POD_KILL, POD_KILL));

        assertThat(recovery.scope()).isEqualTo("pod-kill");
        assertThatThrownBy(() -> Threshold.below(Metric.RECOVERY_SECONDS, 30).forFaults(List.of(POD_KILL, () -> "redis-kill")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[pod-kill, redis-kill]");
        assertThatThrownBy(() -> Threshold.below(Metric.RECOVERY_SECONDS, 30).forFaults(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
