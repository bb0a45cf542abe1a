package aftershock.verdict;

import aftershock.recording.Recording;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JudgeTest {

    private static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-11-22T06:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** 30 s healthy at 10 ms, 30 s of outage (40 % KO, 200 ms), 30 s recovered at 12 ms. */
    private static Recording outageRun() {
        StepClock clock = new StepClock();
        Recording recording = new Recording(clock);
        recording.start();
        for (int second = 0; second < 90; second++) {
            boolean outage = second >= 30 && second < 60;
            for (int i = 0; i < 50; i++) {
                recording.record("api keys", outage ? 200 : (second < 30 ? 10 : 12), !(outage && i % 5 < 2));
            }
            clock.now = clock.now.plus(Duration.ofSeconds(1));
            recording.tick();
        }
        return recording;
    }

    private static Judge.Facts facts(List<FaultWindow> faults, IntegrityResult integrity, Map<String, Double> measured) {
        return new Judge.Facts("RedisOutage", "test", 0, 90_000, "http://127.0.0.1", 1.0, faults, integrity, measured, Map.of());
    }

    private static final FaultWindow REDIS_KILL = new FaultWindow("redis-kill", "SIGKILL redis", 30, 60.0, 62.0, 2.0, 32.0, 64.0);

    @Test
    void judgesEachPhaseOnItsOwnRequests() {
        List<Threshold> thresholds = List.of(
                Threshold.of(Metric.P95_MILLIS, Comparison.BELOW, 50).forPhase(Phase.BEFORE),
                Threshold.of(Metric.SUCCESS_RATE_PERCENT, Comparison.ABOVE, 50).forPhase(Phase.DURING),
                Threshold.of(Metric.P95_MILLIS, Comparison.BELOW, 50).forPhase(Phase.AFTER),
                Threshold.of(Metric.ERROR_RATE_PERCENT, Comparison.BELOW, 5).forPhase(Phase.AFTER));

        RunSummary summary = Judge.judge(facts(List.of(REDIS_KILL), null, Map.of()), outageRun(), thresholds);

        assertThat(summary.thresholds()).extracting(ThresholdResult::measured).containsExactly(10.0, 60.0, 12.0, 0.0);
        assertThat(summary.verdict()).isEqualTo(Verdict.PASS);
        assertThat(summary.phases()).extracting(RunSummary.PhaseStats::phase).containsExactly(Phase.BEFORE, Phase.DURING, Phase.AFTER);
    }

    @Test
    void theWholeRunFailsOnAnErrorRateOverItsLimit() {
        List<Threshold> thresholds = List.of(Threshold.of(Metric.ERROR_RATE_PERCENT, Comparison.BELOW, 5));

        RunSummary summary = Judge.judge(facts(List.of(REDIS_KILL), null, Map.of()), outageRun(), thresholds);

        assertThat(summary.thresholds().get(0).measured()).isCloseTo(13.33, org.assertj.core.data.Offset.offset(0.01));
        assertThat(summary.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aRecoveryBetweenPassAndWarnLimitsIsAWarningNotAFailure() {
        FaultWindow slow = new FaultWindow("pod-kill", "SIGKILL replica 0", 10, null, 55.0, 45.0, 45.0, 50.0);
        Threshold recovery = Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 30).forScope("pod-kill").warnAt(60);

        RunSummary summary = Judge.judge(facts(List.of(slow), null, Map.of()), outageRun(), List.of(recovery));

        assertThat(summary.thresholds().get(0).verdict()).isEqualTo(Verdict.WARN);
        assertThat(summary.verdict()).isEqualTo(Verdict.WARN);
        assertThat(summary.verdict().fails()).isFalse();
    }

    @Test
    void theWorstOfSeveralKillsIsJudged() {
        FaultWindow quick = new FaultWindow("pod-kill", "replica 0", 10, null, 12.0, 2.0, 2.0, 90.0);
        FaultWindow slow = new FaultWindow("pod-kill", "replica 1", 40, null, 105.0, 65.0, 65.0, 20.0);
        Threshold recovery = Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 30).forScope("pod-kill").warnAt(60);

        RunSummary summary = Judge.judge(facts(List.of(quick, slow), null, Map.of()), outageRun(), List.of(recovery));

        assertThat(summary.thresholds().get(0).measured()).isEqualTo(65.0);
        assertThat(summary.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aFaultThatNeverRecoveredFailsRecoveryAndHasNoAfterPhase() {
        FaultWindow stuck = new FaultWindow("redis-kill", "SIGKILL redis", 30, 60.0, null, null, 60.0, 10.0);
        List<Threshold> thresholds = List.of(
                Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 30).forScope("redis-kill"),
                Threshold.of(Metric.P95_MILLIS, Comparison.BELOW, 500).forPhase(Phase.AFTER));

        RunSummary summary = Judge.judge(facts(List.of(stuck), null, Map.of()), outageRun(), thresholds);

        assertThat(summary.thresholds()).extracting(ThresholdResult::verdict).containsExactly(Verdict.FAIL, Verdict.FAIL);
        assertThat(summary.thresholds().get(1).note()).contains("after phase never happened");
    }

    @Test
    void lostWritesAreJudgedFromTheIntegrityCheck() {
        Threshold noLoss = Threshold.of(Metric.LOST_WRITES, Comparison.AT_MOST, 0);
        IntegrityResult lost = new IntegrityResult(100, 100, 97, 3, 0, "replica 1");
        IntegrityResult none = new IntegrityResult(100, 100, 100, 0, 0, "replica 1");

        assertThat(Judge.judge(facts(List.of(), lost, Map.of()), outageRun(), List.of(noLoss)).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(Judge.judge(facts(List.of(), none, Map.of()), outageRun(), List.of(noLoss)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void valuesMeasuredByTheSimulationAreJudgedByThresholdName() {
        Threshold valid = Threshold.of(Metric.CHECK, Comparison.AT_LEAST, 100).named("sessions still valid %");

        RunSummary failing = Judge.judge(facts(List.of(), null, Map.of("sessions still valid %", 98.0)), outageRun(), List.of(valid));
        RunSummary unmeasured = Judge.judge(facts(List.of(), null, Map.of()), outageRun(), List.of(valid));

        assertThat(failing.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(unmeasured.thresholds().get(0).note()).isEqualTo("not measured");
        assertThat(unmeasured.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void withoutFaultsOnlyTheWholeRunIsAPhase() {
        RunSummary summary = Judge.judge(facts(List.of(), null, Map.of()), outageRun(),
                List.of(Threshold.of(Metric.P95_MILLIS, Comparison.BELOW, 500)));

        assertThat(summary.phases()).isEmpty();
        assertThat(summary.requests()).extracting(RequestStats::name).containsExactly(Threshold.ALL_REQUESTS, "api keys");
        assertThat(summary.timeline()).hasSize(90);
    }
}
