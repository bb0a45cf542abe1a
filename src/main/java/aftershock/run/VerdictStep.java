package aftershock.run;

import aftershock.distributed.InjectorReport;
import aftershock.distributed.InjectorResults;
import aftershock.distributed.MergedRecording;
import aftershock.gatling.EventStep;
import aftershock.gatling.ReportedEvent;
import aftershock.report.OutcomeFile;
import aftershock.report.RunOrigin;
import aftershock.report.SummaryFiles;
import aftershock.report.SummaryJson;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.GeneratorHealth;
import aftershock.verdict.GeneratorRecord;
import aftershock.verdict.IntegrityResult;
import aftershock.verdict.Judge;
import aftershock.verdict.Outcome;
import aftershock.verdict.Recorded;
import aftershock.verdict.RunMetadata;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import aftershock.verdict.ThresholdResult;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
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
    private final Injectors injectors;
    private final Map<Threshold, Function<Recorded, Double>> measures = new IdentityHashMap<>();
    private final Map<Threshold, String> notes = new IdentityHashMap<>();
    private final List<FaultWindow> faults = new CopyOnWriteArrayList<>();
    private volatile IntegrityResult integrity;
    private volatile Outcome outcome;
    private final RunMetadata metadata;

    VerdictStep(Run run, Load load, Path resultsFolder, Injectors injectors) {
        this.run = run;
        this.load = load;
        this.resultsFolder = resultsFolder;
        // Read before the load: the load average is then the machine's, not ours.
        this.metadata = RunOrigin.capture(run.settings(), run.target(), System.getenv());
        this.injectors = injectors;
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

    /**
     * Judges an empty recording and serialises what it gives, before any load: every class the verdict and the
     * reports need is then loaded, so that a generator out of file descriptors at the end can still judge and write.
     */
    void rehearse(List<Threshold> thresholds) {
        GeneratorRecord nothing = new GeneratorRecord(List.of(), List.of(), null, Map.of());
        // The simulation's own measurements are left out: they may note what they find, and nothing is found yet.
        Judge.Facts facts = new Judge.Facts(run.simulation(), run.description(), 0, 0, run.target().describe(),
                run.settings().scale(), List.of(), null, Map.of(), Map.of(), null);
        RunSummary summary = Judge.judge(facts, new aftershock.recording.Recording(java.time.Clock.systemUTC()), thresholds)
                .withGenerator(GeneratorHealth.judge(nothing, load.generator().limits())).withMetadata(metadata);
        try {
            SummaryJson.MAPPER.writeValueAsBytes(summary);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("summary.json could not be written even for an empty run: " + e.getMessage(), e);
        }
        Outcome.of(summary).line();
        Outcome.invalid("rehearsal").line();
        print(summary, null, new StringBuilder());
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
        GeneratorRecord generator = load.generator().record();
        GeneratorHealth health = generator == null ? null : GeneratorHealth.judge(generator, load.generator().limits());
        Recorded recorded = load.recording();
        InjectorResults others = null;
        if (injectors.injector().distributed()) {
            injectors.report(load.recording().loadStartedAt(), health, load.recording().failedEpochTenths());
            if (!injectors.injector().conducts()) {
                ended(Outcome.noVerdict(injectors.injector().describe() + " sent its share of the load and wrote "
                        + load.intervalLogFile() + ": injector 0 judges the merged run"), true, sink, now);
                return;
            }
            others = injectors.gather(load.recording().startedAt());
            if (!others.complete()) {
                // A part is never judged as the whole: no verdict, and the run fails.
                ended(Outcome.noVerdict(String.join("; ", others.lost()) + "; no verdict on partial figures"), false,
                        sink, now);
                return;
            }
            recorded = others.merged(load.recording().startedAt(), load.recording().warmUpSeconds());
        }
        if (others != null && health == null) {
            // Only a run whose load never started has no generator record; other injectors' health needs our own.
            ended(Outcome.noVerdict("injector 0 has no record of its own load generator: the merged run is not judged"),
                    false, sink, now);
            return;
        }
        if (others != null) {
            // Each injector's generator was judged where it ran; one that fell behind makes the merged run INVALID.
            for (InjectorReport report : others.reports()) {
                if (report.index() != injectors.injector().index()) {
                    health = health.withGuard(new GeneratorHealth.Guard("generator of injector " + report.index() + " of "
                            + report.count() + " kept up", report.generatorKeptUp() ? GeneratorHealth.Status.HELD
                            : GeneratorHealth.Status.TRIPPED, report.generatorKeptUp() ? report.generatorLine()
                            : report.generatorLine() + ": see " + injectors.consoleLog(report.index())));
                }
            }
        }
        RunSummary result = judge(thresholds, recorded);
        if (health != null) {
            result = result.withGenerator(health);
        }
        result = result.withMetadata(metadata.withInjectors(injectors.injector().count()));
        // Across injectors, requests.hlog would hold injector 0's part alone: each injector's log is copied instead.
        Path folder = SummaryFiles.write(result, run.simulation(), others == null ? load.intervalLogFile() : null);
        outcome = Outcome.of(result);
        StringBuilder out = new StringBuilder();
        print(result, folder, out);
        if (others != null) {
            out.append("  ").append(injectors.page(folder, result, others, ((MergedRecording) recorded).requestsPerLog()))
                    .append(System.lineSeparator());
        }
        OutcomeFile.write(resultsFolder, run.simulation(), outcome);
        System.out.print(out);
        System.out.flush();
        if (result.generator() != null) {
            for (GeneratorHealth.Guard guard : result.generator().guards()) {
                sink.accept(new ReportedEvent("generator: " + guard.name(), now, now, !guard.tripped(),
                        guard.status().name(), guard.tripped() ? "measured " + guard.measured() : null));
            }
        }
        if (outcome.kind() == Outcome.Kind.INVALID) {
            sink.accept(new ReportedEvent(VERDICT, now, now, false, outcome.kind().name(),
                    "the load generator did not keep up: INVALID, see summary.json"));
            return;
        }
        for (ThresholdResult t : result.thresholds()) {
            // Gatling lists every message in its error table, so only failures carry one.
            sink.accept(new ReportedEvent("threshold: " + t.threshold().name(), now, now, !t.verdict().fails(),
                    t.verdict().name(), t.verdict().fails() ? "measured " + SummaryFiles.measuredText(t) : null));
        }
        sink.accept(new ReportedEvent(VERDICT, now, now, !result.verdict().fails(), result.verdict().name(),
                result.verdict().fails() ? "thresholds failed, see summary.json" : null));
    }

    private void ended(Outcome ending, boolean ok, Consumer<ReportedEvent> sink, long now) {
        outcome = ending;
        OutcomeFile.write(resultsFolder, run.simulation(), ending);
        System.out.println(System.lineSeparator() + "aftershock: " + run.simulation() + " " + ending.line());
        System.out.flush();
        sink.accept(new ReportedEvent(VERDICT, now, now, ok, ending.kind().name(), ok ? null : ending.line()));
    }

    private void print(RunSummary result, Path folder, StringBuilder out) {
        Outcome ending = Outcome.of(result);
        out.append(System.lineSeparator()).append("aftershock: ").append(run.simulation()).append(' ')
                .append(ending.kind() == Outcome.Kind.INVALID ? ending.line() : result.verdict().name())
                .append(System.lineSeparator());
        if (result.warmUp() != null) {
            out.append("  ").append(SummaryFiles.warmUpText(result.warmUp())).append(System.lineSeparator());
        }
        for (ThresholdResult t : result.thresholds()) {
            out.append(String.format("  %-4s  %-60s measured %s%n", t.verdict(), t.threshold().name(),
                    SummaryFiles.measuredText(t)));
        }
        if (result.generator() != null) {
            GeneratorHealth.Figures g = result.generator().figures();
            out.append(String.format(Locale.ROOT, "  generator %s: %d requests sent, %.2f %% late, %d generator"
                            + " errors, longest GC pause %d ms, CPU %s %%, peak %d of %d file descriptors%n",
                    result.generator().keptUp() ? "kept up" : "DID NOT KEEP UP", g.requestsSent(), g.latePercent(),
                    g.generatorErrors(), g.longestGcPauseMillis(),
                    g.cpuMeanPercent() == null ? "n/a" : String.format(Locale.ROOT, "%.0f", g.cpuMeanPercent()),
                    g.peakOpenDescriptors(), g.maxDescriptors()));
            for (GeneratorHealth.Guard guard : result.generator().guards()) {
                out.append(String.format("  %-4s  %-60s measured %s%n",
                        guard.tripped() ? "TRIP" : guard.status() == GeneratorHealth.Status.HELD ? "OK" : "N/A",
                        guard.name(), guard.measured()));
            }
        }
        if (folder != null) {
            out.append("  summary: ").append(folder.resolve("summary.json")).append(System.lineSeparator());
        }
    }
}
