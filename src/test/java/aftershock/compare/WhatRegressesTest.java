package aftershock.compare;

import aftershock.recording.IntervalLog;
import aftershock.report.SuiteResults;
import aftershock.testing.SummaryFixtures;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.IntegrityResult;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.RunSummary.PhaseStats;
import aftershock.verdict.Threshold;
import aftershock.verdict.Verdict;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WhatRegressesTest {

    private static final String BASELINE = "20250101_020000";
    private static final String CURRENT = "20250102_020000";

    @TempDir
    Path results;

    @Test
    void aCopyOfARunWithEveryPassTurnedToFailIsARegressionAndFailsTheNight() throws Exception {
        // Given the same figures, judged FAIL this time
        RunSummary night = SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0);
        write(night, withVerdict(night, Verdict.FAIL));

        // When compared with --fail-on-regression
        int status = compareCommand("--fail-on-regression");

        // Then the flip is the regression, and the night fails
        assertThat(compare().regressions()).containsExactly("SpikeLoad verdict PASS → FAIL");
        assertThat(status).isEqualTo(1);
    }

    @Test
    void aWarningThatBecomesAFailureIsAFlipAndAFailureThatPassesIsNot() throws Exception {
        RunSummary night = SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0);
        write(withVerdict(night, Verdict.WARN), withVerdict(night, Verdict.FAIL));
        assertThat(compare().regressions()).containsExactly("SpikeLoad verdict WARN → FAIL");

        write(withVerdict(night, Verdict.FAIL), night);
        assertThat(compare().regressions()).isEmpty();
    }

    @Test
    void aSimulationThatCrashedIsARegression() throws Exception {
        // Given PodKill passed last night and left no summary tonight
        SummaryFixtures.writeRun(results.resolve(BASELINE), SummaryFixtures.loadRun("PodKill", 300, 100, 0));
        SummaryFixtures.writeCrash(results.resolve(CURRENT), "PodKill", "java.lang.OutOfMemoryError");

        // Then the crash is a regression and fails the night
        assertThat(compare().regressions()).singleElement().asString().startsWith("PodKill crashed: no summary.json");
        assertThat(compareCommand("--fail-on-regression")).isEqualTo(1);
    }

    @Test
    void anyRiseInLostOrStaleWritesIsARegressionWhateverTheTolerance() throws Exception {
        // Given 3 lost writes last night and 4 lost, 1 stale tonight, under a tolerance of 1000 %
        RunSummary night = SummaryFixtures.resilienceRun("RedisOutage", true);
        write(night, withIntegrity(night, new IntegrityResult(100, 100, 95, 4, 1, "replica")));

        // Then both rises count
        assertThat(compare(1000).regressions())
                .containsExactly("RedisOutage lost-data check: lost writes", "RedisOutage lost-data check: stale writes");
        assertThat(compareCommand("--fail-on-regression", "--tolerance", "1000")).isEqualTo(1);
    }

    @Test
    void longerDowntimeAndLowerAvailabilityAreRegressionsBeyondTheirFloors() throws Exception {
        // Given downtime 11 s -> 15 s and availability 78.3 % -> 60 %, recovery unchanged
        RunSummary night = SummaryFixtures.resilienceRun("RedisOutage", false);
        FaultWindow fault = night.faults().get(0);
        write(night, withFault(night, new FaultWindow(fault.fault(), fault.target(), fault.injectedAtSecond(),
                fault.restoredAtSecond(), fault.recoveredAtSecond(), fault.recoverySeconds(), 15.0, 60.0)));

        assertThat(compare(10).regressions()).containsExactly("RedisOutage fault redis-kill: max downtime",
                "RedisOutage fault redis-kill: availability");

        // And a drop of 3 availability points is under the 5-point floor
        write(night, withFault(night, new FaultWindow(fault.fault(), fault.target(), fault.injectedAtSecond(),
                fault.restoredAtSecond(), fault.recoveredAtSecond(), fault.recoverySeconds(), 11.0, 75.3)));
        assertThat(compare(1).regressions()).isEmpty();
    }

    @Test
    void eachPhaseIsComparedOnItsOwn() throws Exception {
        // Given errors during the fault 13 % -> 40 %, the whole run's figures unchanged
        RunSummary night = SummaryFixtures.resilienceRun("RedisOutage", false);
        PhaseStats during = night.phases().get(0);
        RequestStats worse = new RequestStats(Threshold.ALL_REQUESTS, 3000, 1800, 1200, 400, 120, 1800, 2500, 4000, 50);
        write(night, withPhases(night, List.of(new PhaseStats(during.phase(), during.fromSecond(), during.toSecond(), worse))));

        assertThat(compare(10).regressions()).containsExactly("RedisOutage phase during: error rate");
    }

    @Test
    void aPercentileWithTooFewSamplesIsNotComparedAndSaysWithWhatCount() throws Exception {
        // Given 180 OK requests of login, whose P99 doubles
        RunSummary night = SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0);
        RequestStats few = new RequestStats("login", 180, 180, 0, 30, 20, 28, 28, 40, 3);
        RequestStats slowTail = new RequestStats("login", 180, 180, 0, 30, 20, 28, 59, 70, 3);
        write(withRequests(night, few), withRequests(night, slowTail));

        // Then P99 is shown, not judged, and the note says why
        MetricDelta p99 = compare(10).simulations().get(0).requests().get(1).metrics().get(2);
        assertThat(p99.metric()).isEqualTo("P99");
        assertThat(p99.regression()).isFalse();
        assertThat(p99.note()).isEqualTo("not compared: 180 and 180 OK samples, P99 needs 1000 in each");
    }

    @Test
    void withRecordedHistogramsAShiftWithinChanceIsNotARegressionAndAWellSampledOneIs() throws Exception {
        // Given two healthy runs drawn from one distribution, and a third with 50 ms added to every response
        RunSummary night = SummaryFixtures.loadRun("SustainedLoad", 300, 100, 0);
        recorded(BASELINE, night, 1, 0);
        recorded(CURRENT, night, 2, 0);
        recorded("20250103_020000", night, 3, 50);

        // When compared on the P50 of "all requests" (the summary's P50 is that of the histograms)
        Tolerance tolerance = Tolerance.ofPercent(10);
        MetricDelta healthy = p50(SuiteComparison.of(read(BASELINE), read(CURRENT), tolerance));
        MetricDelta slow = p50(SuiteComparison.of(read(BASELINE), read("20250103_020000"), tolerance));

        // Then only the real shift is flagged, each with its intervals
        assertThat(healthy.regression()).isFalse();
        assertThat(healthy.note()).startsWith("99% intervals ");
        assertThat(slow.regression()).isTrue();
        assertThat(slow.note()).startsWith("99% intervals ").doesNotContain("chance");
    }

    @Test
    void anIntervalThatOverlapsTheBaselinesIsWithinChanceEvenBeyondTheTolerance() {
        // Given P95 100 ms in [90, 115] and now 120 ms in [105, 140], 20 % worse
        MetricDelta p95 = MetricDelta.percentile("P95", 0.95,
                new MetricDelta.Percentile(100, 1000, new PercentileInterval(0.95, 1000, 90, 115)),
                new MetricDelta.Percentile(120, 1000, new PercentileInterval(0.95, 1000, 105, 140)), 5, 10);

        assertThat(p95.regression()).isFalse();
        assertThat(p95.note()).endsWith("within chance");
    }

    private MetricDelta p50(SuiteComparison comparison) {
        return comparison.simulations().get(0).requests().get(0).metrics().get(0);
    }

    /**
     * A run of 60 s whose requests.hlog holds 100 OK logins a second, exponential around 20 ms plus
     * {@code addedMillis}, and whose summary gives the P50 of those samples, as a real run's would.
     */
    private void recorded(String suite, RunSummary summary, long seed, long addedMillis) throws Exception {
        Random random = new Random(seed);
        Instant start = Instant.ofEpochMilli(summary.startedAtEpochMillis());
        Histogram all = new Histogram(3);
        List<Histogram> seconds = new java.util.ArrayList<>();
        for (int second = 0; second < 60; second++) {
            Histogram ok = new Histogram(3);
            for (int i = 0; i < 100; i++) {
                ok.recordValue(addedMillis + 1 + (long) (-20 * Math.log(1 - random.nextDouble())));
            }
            seconds.add(ok);
            all.add(ok);
        }
        long p50 = all.getValueAtPercentile(50);
        RequestStats total = summary.requests().get(0);
        RequestStats withMedian = new RequestStats(total.name(), total.count(), total.ok(), total.ko(), total.meanMillis(), p50,
                total.p95Millis(), total.p99Millis(), total.maxMillis(), total.rps());
        RunSummary measured = new RunSummary(summary.simulation(), summary.description(), summary.startedAtEpochMillis(),
                summary.endedAtEpochMillis(), summary.baseUrl(), summary.scale(), summary.verdict(),
                List.of(withMedian, summary.requests().get(1)), summary.phases(), summary.thresholds(), summary.timeline(),
                summary.faults(), summary.integrity());
        Path runFolder = SummaryFixtures.writeRun(results.resolve(suite), measured);
        try (IntervalLog log = IntervalLog.create(runFolder.resolve("requests.hlog"), start)) {
            for (int second = 0; second < seconds.size(); second++) {
                log.interval(start.plusSeconds(second), start.plusSeconds(second + 1), "login", seconds.get(second),
                        new Histogram(3));
            }
        }
    }

    private void write(RunSummary baseline, RunSummary current) throws Exception {
        SummaryFixtures.writeRun(results.resolve(BASELINE), baseline);
        SummaryFixtures.writeRun(results.resolve(CURRENT), current);
    }

    private SuiteComparison compare() {
        return compare(10);
    }

    private SuiteComparison compare(double tolerancePercent) {
        return SuiteComparison.of(read(BASELINE), read(CURRENT), Tolerance.ofPercent(tolerancePercent));
    }

    private SuiteResults read(String suite) {
        return SuiteResults.read(results.resolve(suite));
    }

    private int compareCommand(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = results.resolve(BASELINE).toString();
        args[1] = results.resolve(CURRENT).toString();
        System.arraycopy(options, 0, args, 2, options.length);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
        return CompareCommand.run(args, quiet, quiet);
    }

    private static RunSummary withVerdict(RunSummary run, Verdict verdict) {
        return new RunSummary(run.simulation(), run.description(), run.startedAtEpochMillis(), run.endedAtEpochMillis(),
                run.baseUrl(), run.scale(), verdict, run.requests(), run.phases(), run.thresholds(), run.timeline(),
                run.faults(), run.integrity());
    }

    private static RunSummary withIntegrity(RunSummary run, IntegrityResult integrity) {
        return new RunSummary(run.simulation(), run.description(), run.startedAtEpochMillis(), run.endedAtEpochMillis(),
                run.baseUrl(), run.scale(), run.verdict(), run.requests(), run.phases(), run.thresholds(), run.timeline(),
                run.faults(), integrity);
    }

    private static RunSummary withFault(RunSummary run, FaultWindow fault) {
        return new RunSummary(run.simulation(), run.description(), run.startedAtEpochMillis(), run.endedAtEpochMillis(),
                run.baseUrl(), run.scale(), run.verdict(), run.requests(), run.phases(), run.thresholds(), run.timeline(),
                List.of(fault), run.integrity());
    }

    private static RunSummary withPhases(RunSummary run, List<PhaseStats> phases) {
        return new RunSummary(run.simulation(), run.description(), run.startedAtEpochMillis(), run.endedAtEpochMillis(),
                run.baseUrl(), run.scale(), run.verdict(), run.requests(), phases, run.thresholds(), run.timeline(),
                run.faults(), run.integrity());
    }

    private static RunSummary withRequests(RunSummary run, RequestStats login) {
        return new RunSummary(run.simulation(), run.description(), run.startedAtEpochMillis(), run.endedAtEpochMillis(),
                run.baseUrl(), run.scale(), run.verdict(), List.of(run.requests().get(0), login), run.phases(),
                run.thresholds(), run.timeline(), run.faults(), run.integrity());
    }
}
