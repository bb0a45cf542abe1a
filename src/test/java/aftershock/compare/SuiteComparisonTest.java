package aftershock.compare;

import aftershock.compare.MetricDelta.Better;
import aftershock.report.SuiteResults;
import aftershock.testing.SummaryFixtures;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuiteComparisonTest {

    @TempDir
    Path results;

    @Test
    void flagsALatencyRiseBeyondTheTolerance() throws Exception {
        // Given P95 300 ms in the baseline and 340 ms now (+13%)
        SuiteComparison comparison = compare(SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0),
                SummaryFixtures.loadRun("SpikeLoad", 340, 100, 0), 10);

        assertThat(comparison.regressions()).contains("SpikeLoad all requests: P95", "SpikeLoad login: P95");
        // P99 went 400 -> 440 ms: exactly 10% is within the tolerance, not beyond it
        assertThat(comparison.regressions()).doesNotContain("SpikeLoad all requests: P99");
    }

    @Test
    void doesNotFlagALatencyRiseWithinTheTolerance() throws Exception {
        // Given P95 300 ms -> 325 ms (+8.3%) with 10% allowed
        SuiteComparison comparison = compare(SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0),
                SummaryFixtures.loadRun("SpikeLoad", 325, 100, 0), 10);

        assertThat(comparison.regressions()).isEmpty();
    }

    @Test
    void theSameRiseIsARegressionUnderATighterTolerance() throws Exception {
        SuiteComparison comparison = compare(SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0),
                SummaryFixtures.loadRun("SpikeLoad", 325, 100, 0), 5);

        assertThat(comparison.regressions()).contains("SpikeLoad all requests: P95");
    }

    @Test
    void flagsAThroughputDropButNotAThroughputGain() throws Exception {
        SuiteComparison dropped = compare(SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0),
                SummaryFixtures.loadRun("SpikeLoad", 300, 80, 0), 10);
        // One request's share of a random mix wanders by chance: only the total rate is compared
        assertThat(dropped.regressions()).containsExactly("SpikeLoad all requests: RPS");

        SuiteComparison gained = compare(SummaryFixtures.loadRun("SpikeLoad", 300, 80, 0),
                SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0), 10);
        assertThat(gained.regressions()).isEmpty();
    }

    @Test
    void flagsASlowerRecoveryAndAFaultThatNoLongerRecovers() throws Exception {
        RunSummary baseline = SummaryFixtures.resilienceRun("RedisOutage", false);
        SuiteComparison slower = compare(baseline, withRecovery(baseline, 20.0), 10);
        assertThat(slower.regressions()).containsExactly("RedisOutage fault redis-kill: recovery time");
        assertThat(slower.simulations().get(0).faults().get(0).metrics().get(0).delta()).isEqualTo(7.5);

        SuiteComparison never = compare(baseline, withRecovery(baseline, null), 10);
        assertThat(never.regressions()).containsExactly("RedisOutage fault redis-kill: recovery time");
    }

    @Test
    void absoluteFloorsKeepTinyChangesFromCountingAsRegressions() {
        // 1 ms -> 2 ms is +100% but under the 5 ms floor; 0.1% -> 0.4% errors is +300% but under 0.5 points
        Tolerance tolerance = Tolerance.ofPercent(10);
        assertThat(MetricDelta.of("P95", "ms", Better.LOWER, 1.0, 2.0, tolerance.latencyFloorMillis(), 10).regression()).isFalse();
        assertThat(MetricDelta.of("error rate", "%", Better.LOWER, 0.1, 0.4, tolerance.errorRateFloorPoints(), 10).regression()).isFalse();
        assertThat(MetricDelta.of("error rate", "%", Better.LOWER, 0.0, 2.0, tolerance.errorRateFloorPoints(), 10).regression()).isTrue();
        assertThat(MetricDelta.of("P95", "ms", Better.LOWER, 40.0, 50.0, tolerance.latencyFloorMillis(), 10).regression()).isTrue();
    }

    @Test
    void notesSimulationsPresentInOnlyOneRun() throws Exception {
        SummaryFixtures.writeRun(results.resolve("20250101_020000"), SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0));
        SummaryFixtures.writeRun(results.resolve("20250102_020000"), SummaryFixtures.loadRun("JwtStress", 300, 100, 0));

        SuiteComparison comparison = SuiteComparison.of(SuiteResults.read(results.resolve("20250101_020000")),
                SuiteResults.read(results.resolve("20250102_020000")), Tolerance.ofPercent(10));

        assertThat(comparison.simulations()).extracting(SimulationComparison::simulation).containsExactly("JwtStress", "SpikeLoad");
        assertThat(comparison.simulations().get(0).notes()).containsExactly("not in the baseline");
        assertThat(comparison.simulations().get(1).notes()).containsExactly("not in the current run");
        // A new simulation is no regression; one that went missing is
        assertThat(comparison.regressions()).containsExactly("SpikeLoad missing from the current run (PASS in the baseline)");
    }

    @Test
    void saysWhenTheRunsDifferInScaleOrTarget() throws Exception {
        RunSummary nightly = SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0);

        SuiteComparison quickTry = compare(nightly, on(nightly, "http://127.0.0.1:8080", 0.05), 10);
        SuiteComparison otherSystem = compare(nightly, on(nightly, "http://127.0.0.1:9090", 1.0), 10);
        SuiteComparison same = compare(nightly, on(nightly, "http://127.0.0.1:8080", 1.0), 10);

        assertThat(quickTry.simulations().get(0).notes())
                .containsExactly("not alike, compare with care: scale 1 vs 0.05 (baseline vs current)");
        assertThat(otherSystem.simulations().get(0).notes()).containsExactly(
                "not alike, compare with care: target http://127.0.0.1:8080 vs http://127.0.0.1:9090 (baseline vs current)");
        assertThat(same.simulations().get(0).notes()).isEmpty();
    }

    @Test
    void theBuiltInTargetOnNewPortsIsTheSameSystem() throws Exception {
        RunSummary monday = on(SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0),
                "built-in target (2 replicas [http://127.0.0.1:40001, http://127.0.0.1:40002], Redis 127.0.0.1:40003)", 1.0);
        RunSummary tuesday = on(monday,
                "built-in target (2 replicas [http://127.0.0.1:41001, http://127.0.0.1:41002], Redis 127.0.0.1:41003)", 1.0);

        assertThat(compare(monday, tuesday, 10).simulations().get(0).notes()).isEmpty();
        assertThat(compare(monday, on(monday, "http://127.0.0.1:8080", 1.0), 10).simulations().get(0).notes())
                .singleElement().asString().startsWith("not alike, compare with care: target built-in target");
    }

    private static RunSummary on(RunSummary run, String target, double scale) {
        return new RunSummary(run.simulation(), run.description(), run.startedAtEpochMillis(), run.endedAtEpochMillis(),
                target, scale, run.verdict(), run.requests(), run.phases(), run.thresholds(), run.timeline(),
                run.faults(), run.integrity());
    }

    @Test
    void anInvalidRunIsNeverMeasuredAgainstItsBaselineAndIsReportedAsNoVerdict() throws Exception {
        // Given a passing baseline and a current run whose generator ran out of descriptors, with P95 doubled
        SuiteComparison comparison = compare(SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0),
                SummaryFixtures.overloaded(SummaryFixtures.loadRun("SpikeLoad", 600, 50, 0)), 10);

        // Then nothing is a regression, and the simulation has no verdict
        assertThat(comparison.regressions()).isEmpty();
        assertThat(comparison.simulations().get(0).requests()).isEmpty();
        assertThat(comparison.noVerdicts()).singleElement().asString()
                .startsWith("SpikeLoad: current run INVALID (generator overloaded: generator errors <= 0, measured 412");
        assertThat(CompareMarkdown.render(comparison)).contains("(PASS → no verdict)");
    }

    @Test
    void aNightWithAnInvalidRunFailsTheComparisonWithFailOnRegression() throws Exception {
        compare(SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0),
                SummaryFixtures.overloaded(SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0)), 10);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        int status = CompareCommand.run(new String[] {results.resolve("20250101_020000").toString(),
                results.resolve("20250102_020000").toString(), "--fail-on-regression"},
                new java.io.PrintStream(out, true), new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("compare: no regressions", "compare: no verdict for SpikeLoad: current run INVALID");
    }

    /** Compares with tail floors of 5 ms: these summaries are synthetic, the noise of a shared machine is not in them. */
    private SuiteComparison compare(RunSummary baseline, RunSummary current, double tolerancePercent) throws Exception {
        SummaryFixtures.writeRun(results.resolve("20250101_020000"), baseline);
        SummaryFixtures.writeRun(results.resolve("20250102_020000"), current);
        return SuiteComparison.of(SuiteResults.read(results.resolve("20250101_020000")),
                SuiteResults.read(results.resolve("20250102_020000")),
                Tolerance.ofPercent(tolerancePercent).withTailFloors(5, 5));
    }

    private static RunSummary withRecovery(RunSummary run, Double recoverySeconds) {
        FaultWindow fault = run.faults().get(0);
        FaultWindow changed = new FaultWindow(fault.fault(), fault.target(), fault.injectedAtSecond(), fault.restoredAtSecond(),
                recoverySeconds == null ? null : fault.injectedAtSecond() + recoverySeconds, recoverySeconds,
                fault.maxDowntimeSeconds(), fault.availabilityPercent());
        return new RunSummary(run.simulation(), run.description(), run.startedAtEpochMillis(), run.endedAtEpochMillis(),
                run.baseUrl(), run.scale(), run.verdict(), run.requests(), run.phases(), run.thresholds(), run.timeline(),
                List.of(changed), run.integrity());
    }
}
