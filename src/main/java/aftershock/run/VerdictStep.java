package aftershock.run;

import aftershock.gatling.EventStep;
import aftershock.gatling.ReportedEvent;
import aftershock.report.OutcomeFile;
import aftershock.report.SummaryFiles;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.IntegrityResult;
import aftershock.verdict.Judge;
import aftershock.verdict.Outcome;
import aftershock.verdict.Recorded;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import aftershock.verdict.ThresholdResult;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The verdict of a run: what it is judged on beside the recorded requests (values the simulation measures itself,
 * notes, each fault's window, the lost-data check), and the closing step that judges the thresholds once the load
 * and the chaos are over, writes summary.json and outcome.json, prints the verdict and reports each threshold to
 * Gatling. Measurements and notes belong to a {@link Threshold} object, never to its name.
 *
 * <pre>
 *   Threshold registry = Threshold.atLeast(Metric.CHECK, 1).named("agent registry re-created");
 *   verdict.measured(registry, registryCheck.recreated() ? 1 : 0);
 *   verdict.note(failover, "Sentinel logged +switch-master 2.1 s after the kill");
 * </pre>
 */
public final class VerdictStep {

    static final String VERDICT = "verdict";

    private final Run run;
    private final Load load;
    private final Path resultsFolder;
    private final Map<Threshold, Function<Recorded, Double>> measures = new IdentityHashMap<>();
    private final Map<Threshold, String> notes = new IdentityHashMap<>();
    private final List<FaultWindow> faults = new CopyOnWriteArrayList<>();
    private volatile IntegrityResult integrity;
    private volatile Outcome outcome;

    VerdictStep(Run run, Load load, Path resultsFolder) {
        this.run = run;
        this.load = load;
        this.resultsFolder = resultsFolder;
    }

    /** A value the simulation measures itself from the recording, judged by {@code threshold} when the run ends. */
    public synchronized void measure(Threshold threshold, Function<Recorded, Double> measurement) {
        measures.put(threshold, measurement);
    }

    /** A value the simulation has measured, judged by {@code threshold}. */
    public void measured(Threshold threshold, double value) {
        measure(threshold, recorded -> value);
    }

    /** Explains {@code threshold}'s value in the reports. */
    public synchronized void note(Threshold threshold, String note) {
        notes.put(threshold, note);
    }

    /** The lost-data check's result, judged by the LOST_WRITES and STALE_READS thresholds. */
    public void integrityChecked(IntegrityResult result) {
        this.integrity = result;
    }

    /** What a fault's probes observed; the chaos timeline reports here. */
    void faultObserved(FaultWindow window) {
        faults.add(window);
    }

    /**
     * The closing population, to run {@code andThen} after the load: it waits for {@code chaosDone}, judges
     * {@code thresholds} and reports them.
     */
    PopulationBuilder population(List<Threshold> thresholds, CompletableFuture<?> chaosDone) {
        return scenario(VERDICT).exec(EventStep.of(sink -> chaosDone.handle((v, e) -> null)
                .thenApplyAsync(ignored -> {
                    judgeAndReport(thresholds, sink);
                    return null;
                }))).injectOpen(atOnceUsers(1));
    }

    /** The Gatling assertion that fails the run (exit status 2) unless the verdict step passed. */
    static Assertion passes() {
        return details(VERDICT).failedRequests().count().is(0L);
    }

    /** How the run ended, once the verdict step ran; null before. */
    Outcome outcome() {
        return outcome;
    }

    /** Judges the run from {@code recorded}; the load's start to now is its span. */
    RunSummary judge(List<Threshold> thresholds, Recorded recorded) {
        Map<Threshold, Double> measured = new IdentityHashMap<>();
        Map<Threshold, String> unmeasured = new IdentityHashMap<>();
        measuresSoFar().forEach((threshold, measurement) -> {
            try {
                measured.put(threshold, measurement.apply(recorded));
            } catch (RuntimeException e) {
                unmeasured.put(threshold, "could not be measured: " + e.getMessage());
            }
        });
        // Read after measuring: a measurement may note what it found.
        Map<Threshold, String> explained = notesSoFar();
        explained.putAll(unmeasured);
        Judge.Facts facts = new Judge.Facts(run.simulation(), run.description(), load.startedAt().toEpochMilli(),
                System.currentTimeMillis(), run.target().describe(), run.settings().scale(), List.copyOf(faults),
                integrity, measured, explained, load.warmUpReason());
        return Judge.judge(facts, recorded, thresholds);
    }

    private synchronized Map<Threshold, Function<Recorded, Double>> measuresSoFar() {
        return new IdentityHashMap<>(measures);
    }

    private synchronized Map<Threshold, String> notesSoFar() {
        return new IdentityHashMap<>(notes);
    }

    private void judgeAndReport(List<Threshold> thresholds, Consumer<ReportedEvent> sink) {
        load.stop();
        long now = System.currentTimeMillis();
        if (!load.recordingOn()) {
            outcome = Outcome.noVerdict("recording is off (-Daftershock.recording=false)");
            OutcomeFile.write(resultsFolder, run.simulation(), outcome);
            sink.accept(new ReportedEvent(VERDICT, now, now, false, "NO_VERDICT", outcome.line()));
            return;
        }
        RunSummary result = judge(thresholds, load.recording());
        Path folder = SummaryFiles.write(result, run.simulation(), load.intervalLogFile());
        outcome = Outcome.of(result);
        OutcomeFile.write(resultsFolder, run.simulation(), outcome);
        print(result, folder);
        for (ThresholdResult t : result.thresholds()) {
            // Gatling lists every message in its error table, so only failures carry one.
            sink.accept(new ReportedEvent("threshold: " + t.threshold().name(), now, now, !t.verdict().fails(),
                    t.verdict().name(), t.verdict().fails() ? "measured " + SummaryFiles.measuredText(t) : null));
        }
        sink.accept(new ReportedEvent(VERDICT, now, now, !result.verdict().fails(), result.verdict().name(),
                result.verdict().fails() ? "thresholds failed, see summary.json" : null));
    }

    private void print(RunSummary result, Path folder) {
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator()).append("aftershock: ").append(run.simulation()).append(' ')
                .append(result.verdict()).append(System.lineSeparator());
        if (result.warmUp() != null) {
            out.append("  ").append(SummaryFiles.warmUpText(result.warmUp())).append(System.lineSeparator());
        }
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
