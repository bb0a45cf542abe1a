package aftershock.run;

import aftershock.gatling.ReportedEvent;
import aftershock.recording.Recording;
import aftershock.report.SummaryFiles;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.IntegrityResult;
import aftershock.verdict.Judge;
import aftershock.verdict.Recorded;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import aftershock.verdict.ThresholdResult;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a run gathers beside its per-request recording (values the simulation measures itself, notes, the
 * faults' probe results, the lost-data check) and, at the end, the verdict on all of it: judged, written to
 * summary.json, printed, and reported to Gatling as one request per threshold.
 */
final class Findings {

    static final String VERDICT = "verdict";

    private final Map<String, Function<Recorded, Double>> measures = new ConcurrentHashMap<>();
    private final Map<String, String> notes = new ConcurrentHashMap<>();
    private final List<FaultWindow> faults = new CopyOnWriteArrayList<>();
    private volatile IntegrityResult integrity;

    void measure(String thresholdName, Function<Recorded, Double> measurement) {
        measures.put(thresholdName, measurement);
    }

    void note(String thresholdName, String note) {
        notes.put(thresholdName, note);
    }

    void faultObserved(FaultWindow window) {
        faults.add(window);
    }

    void integrityChecked(IntegrityResult result) {
        this.integrity = result;
    }

    /** Judges the run; {@code startedMillis}..now is the load's span. */
    RunSummary judge(String simulation, String description, String target, double scale, long startedMillis,
                     Recording recording, List<Threshold> thresholds) {
        Map<String, Double> measured = new LinkedHashMap<>();
        measures.forEach((name, measurement) -> {
            try {
                measured.put(name, measurement.apply(recording));
            } catch (RuntimeException e) {
                notes.put(name, "could not be measured: " + e.getMessage());
            }
        });
        Judge.Facts facts = new Judge.Facts(simulation, description, startedMillis, System.currentTimeMillis(),
                target, scale, List.copyOf(faults), integrity, measured, Map.copyOf(notes));
        return Judge.judge(facts, recording, thresholds);
    }

    /** Writes summary.json beside the interval log, prints the verdict and reports each threshold to Gatling. */
    static void report(RunSummary result, String simulation, Path intervalLogFile, Consumer<ReportedEvent> sink) {
        Path folder = SummaryFiles.write(result, simulation, intervalLogFile);
        print(result, simulation, folder);
        long now = System.currentTimeMillis();
        for (ThresholdResult t : result.thresholds()) {
            // Gatling lists every message in its error table, so only failures carry one.
            sink.accept(new ReportedEvent("threshold: " + t.threshold().name(), now, now, !t.verdict().fails(),
                    t.verdict().name(), t.verdict().fails() ? "measured " + SummaryFiles.measuredText(t) : null));
        }
        sink.accept(new ReportedEvent(VERDICT, now, now, !result.verdict().fails(), result.verdict().name(),
                result.verdict().fails() ? "thresholds failed, see summary.json" : null));
    }

    private static void print(RunSummary result, String simulation, Path folder) {
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator()).append("aftershock: ").append(simulation).append(' ')
                .append(result.verdict()).append(System.lineSeparator());
        for (ThresholdResult t : result.thresholds()) {
            out.append(String.format("  %-4s  %-60s measured %s%n", t.verdict(), t.threshold().name(),
                    SummaryFiles.measuredText(t)));
        }
        if (folder != null) {
            out.append("  summary: ").append(folder.resolve("summary.json")).append(System.lineSeparator());
        }
        System.out.print(out);
        System.out.flush();
    }
}
