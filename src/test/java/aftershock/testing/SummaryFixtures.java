package aftershock.testing;

import aftershock.report.SimulationRun;
import aftershock.report.SummaryJson;
import aftershock.verdict.Comparison;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.IntegrityResult;
import aftershock.verdict.Metric;
import aftershock.verdict.Phase;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import aftershock.verdict.ThresholdResult;
import aftershock.verdict.TimelinePoint;
import aftershock.verdict.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** RunSummaries and results folders as run-tests.sh and the simulations leave them, for report tests. */
public final class SummaryFixtures {

    public static final long STARTED_AT_EPOCH_MILLIS = 1_735_700_400_000L;

    private SummaryFixtures() {
    }

    /** A load run over 60 s with steady latency; its P95 threshold judged against {@code p95Millis}. */
    public static RunSummary loadRun(String simulation, long p95Millis, double rps, long ko) {
        RequestStats all = new RequestStats(Threshold.ALL_REQUESTS, 6000, 6000 - ko, ko, 80, 60, p95Millis, p95Millis + 100, 900, rps);
        RequestStats login = new RequestStats("login", 1000, 1000, 0, 70, 50, p95Millis - 10, p95Millis + 50, 400, rps / 6);
        List<ThresholdResult> thresholds = List.of(
                ThresholdResult.judge(Threshold.of(Metric.P95_MILLIS, Comparison.BELOW, 500), (double) p95Millis),
                ThresholdResult.judge(Threshold.of(Metric.ERROR_RATE_PERCENT, Comparison.BELOW, 5), all.errorRatePercent()));
        Verdict verdict = thresholds.stream().map(ThresholdResult::verdict).reduce(Verdict.PASS, Verdict::and);
        List<TimelinePoint> timeline = new ArrayList<>();
        for (long second = 0; second < 60; second++) {
            timeline.add(new TimelinePoint(second, 100, second % 20 == 0 ? 1 : 0, p95Millis - 20 + second % 7, p95Millis + 80));
        }
        return new RunSummary(simulation, "Sustained 100 rps | mixed endpoints", STARTED_AT_EPOCH_MILLIS,
                STARTED_AT_EPOCH_MILLIS + 60_000, "http://127.0.0.1:8080", 1.0, verdict, List.of(all, login), List.of(),
                thresholds, timeline, List.of(), null);
    }

    /**
     * A Redis kill at 20 s, restored at 30 s, recovered at 32.5 s; errors climb during the window.
     * Recovery 12.5 s misses the 10 s pass limit but holds the 20 s warning limit: WARN.
     */
    public static RunSummary resilienceRun(String simulation, boolean lostWrites) {
        List<TimelinePoint> timeline = new ArrayList<>();
        for (long second = 0; second < 60; second++) {
            boolean down = second >= 20 && second < 33;
            timeline.add(new TimelinePoint(second, 50, down ? 30 : 0, down ? 1800 : 120, down ? 2500 : 200));
        }
        FaultWindow kill = new FaultWindow("redis-kill", "redis-server pid 4242", 20, 30.0, 32.5, 12.5, 11.0, 78.3);
        RequestStats all = new RequestStats(Threshold.ALL_REQUESTS, 3000, 2610, 390, 400, 120, 1800, 2500, 4000, 50);
        List<ThresholdResult> thresholds = new ArrayList<>(List.of(
                ThresholdResult.judge(Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 10).warnAt(20).forFault(() -> "redis-kill"), 12.5),
                ThresholdResult.judge(Threshold.of(Metric.ERROR_RATE_PERCENT, Comparison.BELOW, 5).forPhase(Phase.AFTER), 0.0)));
        IntegrityResult integrity = new IntegrityResult(100, 100, lostWrites ? 97 : 100, lostWrites ? 3 : 0, 0, "replica");
        if (lostWrites) {
            thresholds.add(ThresholdResult.judge(Threshold.of(Metric.LOST_WRITES, Comparison.AT_MOST, 0), 3.0, "3 acknowledged writes missing"));
        }
        Verdict verdict = thresholds.stream().map(ThresholdResult::verdict).reduce(Verdict.PASS, Verdict::and);
        return new RunSummary(simulation, "Kill Redis under load; <fallback> & recover", STARTED_AT_EPOCH_MILLIS,
                STARTED_AT_EPOCH_MILLIS + 60_000, "http://127.0.0.1:8080", 1.0, verdict, List.of(all),
                List.of(new RunSummary.PhaseStats(Phase.DURING, 20, 32.5, all)), thresholds, timeline, List.of(kill), integrity);
    }

    /** Writes {@code summary} where a run leaves it: {@code <suite>/<Name>/<name>-<timestamp>/summary.json}, with a Gatling index.html. */
    /** The same run, its load generator out of file descriptors: INVALID. */
    public static RunSummary overloaded(RunSummary run) {
        aftershock.verdict.GeneratorRecord record = new aftershock.verdict.GeneratorRecord(
                List.of(new aftershock.verdict.GeneratorRecord.Second(0, 1000, 1000, 0, 0, 50, 250, 256)), List.of(), null,
                java.util.Map.of(aftershock.verdict.GeneratorError.DESCRIPTORS_EXHAUSTED, 412L));
        return run.withGenerator(aftershock.verdict.GeneratorHealth.judge(record, aftershock.verdict.GeneratorLimits.defaults()));
    }

    public static Path writeRun(Path suiteDir, RunSummary summary) throws IOException {
        Path runFolder = suiteDir.resolve(summary.simulation())
                .resolve(summary.simulation().toLowerCase(Locale.ROOT) + "-20250101020000123");
        Files.createDirectories(runFolder);
        SummaryJson.write(summary, runFolder.resolve(SimulationRun.SUMMARY_FILE));
        Files.writeString(runFolder.resolve("index.html"), "<html>gatling</html>");
        Files.writeString(suiteDir.resolve(summary.simulation()).resolve(SimulationRun.CONSOLE_LOG), "Simulation finished\n");
        return runFolder;
    }

    /** A simulation folder whose run crashed: a console log and nothing else. */
    public static Path writeCrash(Path suiteDir, String simulation, String lastConsoleLine) throws IOException {
        Path folder = suiteDir.resolve(simulation);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(SimulationRun.CONSOLE_LOG), "[INFO] starting\n" + lastConsoleLine + "\n");
        return folder;
    }
}
