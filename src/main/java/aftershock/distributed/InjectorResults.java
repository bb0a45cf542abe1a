package aftershock.distributed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What every injector of a run left in its folder once the load ended, gathered by injector 0: reports, interval
 * logs and Gatling reports, or, for an injector that died or wrote nothing, one line naming it and what was lost.
 * A run with a lost injector is never merged: its figures would be a part presented as the whole.
 *
 * <pre>
 *   InjectorResults results = InjectorResults.collect(signal, 3, fleet.awaitEnd(timeout), secondZero);
 *   if (results.complete()) { MergedRecording merged = results.merged(secondZero, 0); }
 * </pre>
 *
 * @param reports        each injector's report, by index; only when complete
 * @param intervalLogs   each injector's interval log, by index
 * @param gatlingReports each injector's Gatling report (index.html) that was found
 * @param lost           one line per injector that died or left no report or log
 */
public record InjectorResults(List<InjectorReport> reports, List<Path> intervalLogs, List<Path> gatlingReports,
                              List<String> lost) {

    /**
     * Gathers what injectors 0 to count - 1 wrote.
     *
     * @param exitCodes       the exit code of each injector injector 0 started and watched; empty for injectors
     *                        started elsewhere
     * @param secondZero      second 0 of the judged run
     */
    public static InjectorResults collect(StartSignal signal, int count, Map<Integer, Integer> exitCodes,
                                          Instant secondZero) {
        Path conductorLog = signal.folder(0).resolve(InjectorReport.INTERVAL_LOG);
        // How long injector 0 recorded: what a dead injector's log is held against.
        double runSeconds = Files.exists(conductorLog)
                ? MergedRecording.read(List.of(conductorLog), secondZero, 0).recordedSeconds() : Double.NaN;
        List<InjectorReport> reports = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        List<Path> gatling = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            Path folder = signal.folder(index);
            Path log = folder.resolve(InjectorReport.INTERVAL_LOG);
            Optional<InjectorReport> report = InjectorReport.read(folder);
            Integer exitCode = exitCodes.get(index);
            logs.add(log);
            gatlingReport(folder.resolve("gatling")).ifPresent(gatling::add);
            if (report.isPresent() && Files.exists(log) && (exitCode == null || exitCode == 0)) {
                reports.add(report.get());
                continue;
            }
            lost.add(describeLoss(index, count, exitCode, report.isPresent(), log, folder, secondZero, runSeconds));
        }
        return new InjectorResults(List.copyOf(reports), List.copyOf(logs), List.copyOf(gatling), List.copyOf(lost));
    }

    /** True when every injector ended well and left its report and interval log. */
    public boolean complete() {
        return lost.isEmpty();
    }

    /** The interval logs as one recording; only for a complete run. */
    public MergedRecording merged(Instant secondZero, double warmUpSeconds) {
        if (!complete()) {
            throw new IllegalStateException("a run with a lost injector is never merged: " + String.join("; ", lost));
        }
        MergedRecording merged = MergedRecording.read(intervalLogs, secondZero, warmUpSeconds);
        if (reports.stream().allMatch(report -> report.failedEpochTenths() != null)) {
            merged = merged.withFailedEpochTenths(reports.stream().map(InjectorReport::failedEpochTenths).toList());
        }
        return merged;
    }

    /** How far apart the injectors' loads started, in milliseconds: the latest start minus the earliest. */
    public long startSkewMillis() {
        long first = reports.stream().mapToLong(InjectorReport::loadStartedAtEpochMillis).min().orElse(0);
        long last = reports.stream().mapToLong(InjectorReport::loadStartedAtEpochMillis).max().orElse(0);
        return last - first;
    }

    private static String describeLoss(int index, int count, Integer exitCode, boolean reported, Path log, Path folder,
                                       Instant secondZero, double runSeconds) {
        String who = "injector " + index + " of " + count;
        String how = exitCode == null ? "left no report" : exitCode == -1 ? "was still running after the load and was killed"
                : exitCode != 0 ? "exited with code " + exitCode : "left no report";
        if (!reported && exitCode != null && exitCode == 0) {
            how = "ended without writing " + InjectorReport.FILE;
        }
        String what;
        if (!Files.exists(log)) {
            what = "it wrote no interval log: its whole share of the load is missing";
        } else {
            MergedRecording alone = MergedRecording.read(List.of(log), secondZero, 0);
            double until = alone.recordedSeconds();
            what = String.format(Locale.ROOT, "its interval log ends at second %.1f of %.1f with %d requests: its share"
                    + " of the load after second %.1f is lost", until, runSeconds, alone.requestsPerLog().get(0), until);
        }
        return who + " " + how + "; " + what + " (see " + folder.resolve(InjectorFleet.CONSOLE_LOG) + ")";
    }

    private static Optional<Path> gatlingReport(Path results) {
        if (!Files.isDirectory(results)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(results)) {
            return runs.map(run -> run.resolve("index.html")).filter(Files::exists)
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
