package aftershock.verdict;

import aftershock.testing.ManualClock;
import aftershock.recording.Recording;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JudgeTest {


    /** 30 s healthy at 10 ms, 30 s of outage (40 % KO, 200 ms), 30 s recovered at 12 ms. */
    private static Recording outageRun() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T06:00:00Z"));
        Recording recording = new Recording(clock);
        recording.start();
        for (int second = 0; second < 90; second++) {
            boolean outage = second >= 30 && second < 60;
            for (int i = 0; i < 50; i++) {
                recording.record("api keys", outage ? 200 : (second < 30 ? 10 : 12), !(outage && i % 5 < 2));
            }
            clock.advance(Duration.ofSeconds(1));
            recording.tick();
        }
        return recording;
    }

    private static Judge.Facts facts(List<FaultWindow> faults, IntegrityResult integrity, Map<Threshold, Double> measured) {
        return new Judge.Facts("RedisOutage", "test", 0, 90_000, "http://127.0.0.1", 1.0, faults, integrity, measured, Map.of());
    }

    private static FaultWindow podKillRecoveredAfter(double recoverySeconds) {
        return new FaultWindow("pod-kill", "SIGKILL replica 0", 10, null, 10 + recoverySeconds, recoverySeconds, 1.0, 90.0);
    }

    private static final FaultWindow REDIS_KILL = new FaultWindow("redis-kill", "SIGKILL redis", 30, 60.0, 62.0, 2.0, 32.0, 64.0);

    @Test
    void aSlowWarmUpSecondIsShownButNeverJudged() {
        // Given a load that warms up for 2 s (cold: logins take 1.2 s), then runs 10 s warm at 4 ms
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T06:00:00Z"));
        Recording recording = new Recording(clock);
        recording.start(Duration.ofSeconds(2));
        for (int second = -2; second < 10; second++) {
            clock.advance(Duration.ofMillis(500));
            for (int i = 0; i < 100; i++) {
                recording.record("login", second < 0 ? 1200 : 4, true);
            }
            if (second == 0) {
                // cold logins sent during the warm-up, answered 0.5 s into the judged run
                for (int i = 0; i < 20; i++) {
                    recording.record("login", 900, true);
                }
            }
            clock.advance(Duration.ofMillis(500));
            recording.tick();
        }
        List<Threshold> thresholds = List.of(
                Threshold.of(Metric.P95_MILLIS, Comparison.BELOW, 200).forRequest("login"),
                Threshold.of(Metric.P99_MILLIS, Comparison.BELOW, 1000));
        Judge.Facts facts = new Judge.Facts("JwtStress", "test", 0, 12_000, "http://127.0.0.1", 1.0, List.of(), null,
                Map.of(), Map.of(), "closed model of 200 users, more than 100");

        // When the run is judged
        RunSummary summary = Judge.judge(facts, recording, thresholds);

        // Then the thresholds see only the warm seconds, and the warm-up is summarised beside them
        assertThat(summary.thresholds()).extracting(ThresholdResult::measured).containsExactly(4.0, 4.0);
        assertThat(summary.verdict()).isEqualTo(Verdict.PASS);
        assertThat(summary.requests().get(0).count()).isEqualTo(1000);
        assertThat(summary.timeline()).hasSize(10).allSatisfy(point -> assertThat(point.second()).isNotNegative());
        assertThat(summary.warmUp().seconds()).isEqualTo(2.0);
        assertThat(summary.warmUp().reason()).isEqualTo("closed model of 200 users, more than 100");
        assertThat(summary.warmUp().requests().get(0).count()).isEqualTo(220);
        assertThat(summary.warmUp().requests().get(0).p95Millis()).isGreaterThanOrEqualTo(1200);
    }

    @Test
    void aRunWithoutWarmUpHasNoWarmUpSummary() {
        RunSummary summary = Judge.judge(facts(List.of(), null, Map.of()), outageRun(), List.of());

        assertThat(summary.warmUp()).isNull();
    }

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
        Threshold recovery = Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 30).forFault(() -> "pod-kill").warnAt(60);

        RunSummary summary = Judge.judge(facts(List.of(slow), null, Map.of()), outageRun(), List.of(recovery));

        assertThat(summary.thresholds().get(0).verdict()).isEqualTo(Verdict.WARN);
        assertThat(summary.verdict()).isEqualTo(Verdict.WARN);
        assertThat(summary.verdict().fails()).isFalse();
    }

    @Test
    void theWorstOfSeveralKillsIsJudged() {
        FaultWindow quick = new FaultWindow("pod-kill", "replica 0", 10, null, 12.0, 2.0, 2.0, 90.0);
        FaultWindow slow = new FaultWindow("pod-kill", "replica 1", 40, null, 105.0, 65.0, 65.0, 20.0);
        Threshold recovery = Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 30).forFault(() -> "pod-kill").warnAt(60);

        RunSummary summary = Judge.judge(facts(List.of(quick, slow), null, Map.of()), outageRun(), List.of(recovery));

        assertThat(summary.thresholds().get(0).measured()).isEqualTo(65.0);
        assertThat(summary.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aFaultNotObservedFailsEveryFaultThresholdWithItsReasonWhateverTheProbesSay() {
        // Given a pod-kill whose probes never failed, but whose pod was never replaced
        FaultWindow unseen = new FaultWindow("pod-kill", "delete pod api-1", 10, null, 10.0, 0.0, 0.0, 100.0,
                "pod api-1 still has uid a1", null, "fault not observed: pod api-1 still has uid a1");
        List<Threshold> thresholds = List.of(
                Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 30).forFault(() -> "pod-kill"),
                Threshold.of(Metric.MAX_DOWNTIME_SECONDS, Comparison.BELOW, 10).forFault(() -> "pod-kill"));

        RunSummary summary = Judge.judge(facts(List.of(unseen), null, Map.of()), outageRun(), thresholds);

        assertThat(summary.thresholds()).allSatisfy(result -> {
            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.measured()).isNull();
            assertThat(result.note()).isEqualTo("pod-kill: fault not observed: pod api-1 still has uid a1");
        });
    }

    @Test
    void aFaultTheComponentShowedAndUsersNeverSawPassesNotedNoUserVisibleImpact() {
        // Given a pod-kill whose pod was replaced in 4.2 s while no probe failed
        FaultWindow resilient = new FaultWindow("pod-kill", "delete pod api-1", 10, null, 10.0, 0.0, 0.0, 100.0,
                "pod api-1 uid a1 gone, replaced by api-7", 4.2, null);
        Threshold downtime = Threshold.of(Metric.MAX_DOWNTIME_SECONDS, Comparison.BELOW, 10).forFault(() -> "pod-kill");

        RunSummary summary = Judge.judge(facts(List.of(resilient), null, Map.of()), outageRun(), List.of(downtime));

        ThresholdResult result = summary.thresholds().get(0);
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.measured()).isEqualTo(0.0);
        assertThat(result.note()).isEqualTo("pod-kill: no user-visible impact (pod api-1 uid a1 gone, replaced by api-7;"
                + " component recovered in 4.2 s)");
    }

    @Test
    void aFaultThatNeverRecoveredFailsRecoveryAndHasNoAfterPhase() {
        FaultWindow stuck = new FaultWindow("redis-kill", "SIGKILL redis", 30, 60.0, null, null, 60.0, 10.0);
        List<Threshold> thresholds = List.of(
                Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 30).forFault(() -> "redis-kill"),
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
    void valuesMeasuredByTheSimulationAreJudgedByTheirThreshold() {
        Threshold valid = Threshold.of(Metric.CHECK, Comparison.AT_LEAST, 100).named("sessions still valid %");

        RunSummary failing = Judge.judge(facts(List.of(), null, Map.of(valid, 98.0)), outageRun(), List.of(valid));
        RunSummary unmeasured = Judge.judge(facts(List.of(), null, Map.of()), outageRun(), List.of(valid));

        assertThat(failing.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(unmeasured.thresholds().get(0).note()).isEqualTo("not measured");
        assertThat(unmeasured.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aMeasurementAndANoteBelongToTheirThresholdEvenWhenAnotherSharesItsName() {
        // Given two equal-looking thresholds: same metric, limit and name
        Threshold first = Threshold.atLeast(Metric.CHECK, 1).named("registry re-created");
        Threshold second = Threshold.atLeast(Metric.CHECK, 1).named("registry re-created");
        Map<Threshold, Double> measured = new IdentityHashMap<>(Map.of(first, 1.0));
        measured.put(second, 0.0);
        Map<Threshold, String> notes = new IdentityHashMap<>(Map.of(second, "2 of 3 replicas"));

        // When the run is judged
        RunSummary summary = Judge.judge(new Judge.Facts("RedisOutage", "test", 0, 90_000, "http://127.0.0.1", 1.0,
                List.of(), null, measured, notes), outageRun(), List.of(first, second));

        // Then each keeps its own value and note
        assertThat(summary.thresholds()).extracting(ThresholdResult::measured).containsExactly(1.0, 0.0);
        assertThat(summary.thresholds()).extracting(ThresholdResult::verdict).containsExactly(Verdict.PASS, Verdict.FAIL);
        assertThat(summary.thresholds()).extracting(ThresholdResult::note).containsExactly(null, "2 of 3 replicas");
    }

    @Test
    void aRecoveryLimitOfOneAndAHalfSecondsIsJudgedToTheMillisecond() {
        // Given a 1.5 s recovery limit on pod-kill, given as a Duration
        Threshold recovery = Threshold.below(Metric.RECOVERY_SECONDS, Duration.ofMillis(1500)).forFault(() -> "pod-kill");

        // When recoveries of 1.6 s, 1.4 s and 1.499 s are judged
        Verdict slower = Judge.judge(facts(List.of(podKillRecoveredAfter(1.6)), null, Map.of()), outageRun(), List.of(recovery)).verdict();
        Verdict faster = Judge.judge(facts(List.of(podKillRecoveredAfter(1.4)), null, Map.of()), outageRun(), List.of(recovery)).verdict();
        Verdict justUnder = Judge.judge(facts(List.of(podKillRecoveredAfter(1.499)), null, Map.of()), outageRun(), List.of(recovery)).verdict();

        // Then the limit keeps its half second, and so does its name
        assertThat(slower).isEqualTo(Verdict.FAIL);
        assertThat(faster).isEqualTo(Verdict.PASS);
        assertThat(justUnder).isEqualTo(Verdict.PASS);
        assertThat(recovery.name()).isEqualTo("recovery time of pod-kill < 1.5 s");
    }

    @Test
    void withoutFaultsOnlyTheWholeRunIsAPhase() {
        RunSummary summary = Judge.judge(facts(List.of(), null, Map.of()), outageRun(),
                List.of(Threshold.of(Metric.P95_MILLIS, Comparison.BELOW, 500)));

        assertThat(summary.phases()).isEmpty();
        assertThat(summary.requests()).extracting(RequestStats::name).containsExactly(Threshold.ALL_REQUESTS, "api keys");
        assertThat(summary.timeline()).hasSize(90);
    }

    @Test
    void aWindowWhereEveryRequestFailedHasItsLatencyNotMeasuredNeverAPass() {
        // Given 10 s in which every request failed fast
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T06:00:00Z"));
        Recording recording = new Recording(clock);
        recording.start();
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 20; i++) {
                recording.record("checkout", 1, false);
            }
            clock.advance(Duration.ofSeconds(1));
            recording.tick();
        }
        Threshold p95 = Threshold.below(Metric.P95_MILLIS, Duration.ofMillis(500));

        // When P95 < 500 ms is judged
        ThresholdResult result = Judge.judge(facts(List.of(), null, Map.of()), recording, List.of(p95)).thresholds().get(0);

        // Then it is not measured: a FAIL saying why, not a 0 ms PASS
        assertThat(result.measured()).isNull();
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.note()).contains("no OK response").contains("200 of 200 failed");
    }
}
