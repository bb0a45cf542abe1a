package aftershock.compare;

import aftershock.compare.MetricDelta.Better;
import aftershock.compare.SimulationComparison.RequestComparison;
import aftershock.report.Figures;
import aftershock.report.SimulationRun;
import aftershock.report.SuiteResults;
import aftershock.system.BuiltInTarget;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.TimelinePoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A baseline suite run against the current one, simulation by simulation and request by request.
 * Worse means: P95, P99, error rate or recovery time up, RPS down, each beyond the {@link Tolerance}.
 *
 * <pre>
 *   SuiteComparison comparison = SuiteComparison.of(SuiteResults.read(baselineDir), SuiteResults.read(currentDir),
 *       Tolerance.ofPercent(10));
 *   comparison.regressions();   // "SpikeLoad all requests: P95", ...
 * </pre>
 */
public record SuiteComparison(String baseline, String current, Tolerance tolerance, List<SimulationComparison> simulations) {

    public static SuiteComparison of(SuiteResults baseline, SuiteResults current, Tolerance tolerance) {
        Set<String> names = new LinkedHashSet<>();
        current.runs().forEach(run -> names.add(run.simulation()));
        baseline.runs().forEach(run -> names.add(run.simulation()));
        List<SimulationComparison> simulations = names.stream()
                .map(name -> compare(name, baseline.run(name), current.run(name), tolerance))
                .toList();
        return new SuiteComparison(baseline.name(), current.name(), tolerance, simulations);
    }

    /** Simulations not measured against each other because a run had no verdict: "SpikeLoad: current run INVALID (...)". */
    public List<String> noVerdicts() {
        return simulations.stream().filter(simulation -> simulation.noVerdict() != null)
                .map(simulation -> simulation.simulation() + ": " + simulation.noVerdict())
                .toList();
    }

    /** Every regression, labelled "Simulation request: metric". */
    public List<String> regressions() {
        return simulations.stream()
                .flatMap(simulation -> simulation.regressions().stream().map(label -> simulation.simulation() + " " + label))
                .toList();
    }

    private static SimulationComparison compare(String name, Optional<SimulationRun> baselineRun,
                                                Optional<SimulationRun> currentRun, Tolerance tolerance) {
        List<String> notes = new ArrayList<>();
        RunSummary base = baselineRun.map(SimulationRun::summary).orElse(null);
        RunSummary now = currentRun.map(SimulationRun::summary).orElse(null);
        baselineRun.ifPresentOrElse(run -> { if (run.crashed()) notes.add("baseline: " + run.problem()); },
                () -> notes.add("not in the baseline"));
        currentRun.ifPresentOrElse(run -> { if (run.crashed()) notes.add("current: " + run.problem()); },
                () -> notes.add("not in the current run"));
        String noVerdict = noVerdict("baseline", baselineRun).orElse(noVerdict("current", currentRun).orElse(null));
        if (noVerdict != null) {
            // An INVALID run's figures are the generator's as much as the system's: never a regression, never a gain.
            notes.add("no verdict: " + noVerdict + "; not compared");
            base = null;
            now = null;
        }
        if (base != null && now != null) {
            notAlike(base, now).ifPresent(notes::add);
        }
        List<RequestComparison> requests = base == null || now == null ? List.of() : compareRequests(base, now, tolerance, notes);
        MetricDelta recovery = base == null || now == null ? null : compareRecovery(base, now, tolerance);
        return new SimulationComparison(name,
                baselineRun.map(SimulationRun::verdict).orElse(null), currentRun.map(SimulationRun::verdict).orElse(null),
                requests, recovery, notes, timeline(base), timeline(now),
                now == null || now.faults() == null ? List.of() : now.faults(), noVerdict);
    }

    private static Optional<String> noVerdict(String role, Optional<SimulationRun> run) {
        return run.filter(SimulationRun::invalid).map(invalid -> role + " run " + invalid.outcome().line());
    }

    /** Runs at another scale or against another system: their deltas say little, and the reader must know. */
    static Optional<String> notAlike(RunSummary base, RunSummary now) {
        List<String> differences = new ArrayList<>();
        if (Math.abs(base.scale() - now.scale()) > 1e-9) {
            differences.add("scale " + Figures.number(base.scale()) + " vs " + Figures.number(now.scale()));
        }
        if (!sameTarget(base.baseUrl(), now.baseUrl())) {
            differences.add("target " + base.baseUrl() + " vs " + now.baseUrl());
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of("not alike, compare with care: "
                + String.join("; ", differences) + " (baseline vs current)");
    }

    /** The built-in target gets new ports every run; it is still the same system. */
    private static boolean sameTarget(String base, String now) {
        boolean builtInBefore = base != null && base.startsWith(BuiltInTarget.DESCRIBED_AS);
        boolean builtInNow = now != null && now.startsWith(BuiltInTarget.DESCRIBED_AS);
        return builtInBefore || builtInNow ? builtInBefore == builtInNow : Objects.equals(base, now);
    }

    private static List<RequestComparison> compareRequests(RunSummary base, RunSummary now, Tolerance tolerance, List<String> notes) {
        Map<String, RequestStats> before = byName(base);
        Map<String, RequestStats> after = byName(now);
        List<RequestComparison> requests = new ArrayList<>();
        for (RequestStats current : after.values()) {
            RequestStats baseline = before.get(current.name());
            if (baseline == null) {
                notes.add("request '" + current.name() + "' is new in the current run");
                continue;
            }
            requests.add(new RequestComparison(current.name(), List.of(
                    MetricDelta.of("P95", "ms", Better.LOWER, (double) baseline.p95Millis(), (double) current.p95Millis(),
                            tolerance.latencyFloorMillis(), tolerance.percent()),
                    MetricDelta.of("P99", "ms", Better.LOWER, (double) baseline.p99Millis(), (double) current.p99Millis(),
                            tolerance.latencyFloorMillis(), tolerance.percent()),
                    MetricDelta.of("error rate", "%", Better.LOWER, baseline.errorRatePercent(), current.errorRatePercent(),
                            tolerance.errorRateFloorPoints(), tolerance.percent()),
                    MetricDelta.of("RPS", "req/s", Better.HIGHER, baseline.rps(), current.rps(),
                            tolerance.rpsFloor(), tolerance.percent()))));
        }
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> notes.add("request '" + name + "' is only in the baseline"));
        return requests;
    }

    private static MetricDelta compareRecovery(RunSummary base, RunSummary now, Tolerance tolerance) {
        if (faults(base).isEmpty() && faults(now).isEmpty()) {
            return null;
        }
        return MetricDelta.of("recovery time", "s", Better.LOWER, recoverySeconds(base), recoverySeconds(now),
                tolerance.recoveryFloorSeconds(), tolerance.percent());
    }

    /** The slowest recovery, or null when a fault never recovered (or the run had none). */
    private static Double recoverySeconds(RunSummary summary) {
        List<FaultWindow> faults = faults(summary);
        if (faults.isEmpty() || faults.stream().map(FaultWindow::recoverySeconds).anyMatch(Objects::isNull)) {
            return null;
        }
        return Figures.worstRecoverySeconds(summary).orElse(null);
    }

    private static List<FaultWindow> faults(RunSummary summary) {
        return summary.faults() == null ? List.of() : summary.faults();
    }

    private static List<TimelinePoint> timeline(RunSummary summary) {
        return summary == null || summary.timeline() == null ? List.of() : summary.timeline();
    }

    private static Map<String, RequestStats> byName(RunSummary summary) {
        List<RequestStats> requests = summary.requests() == null ? List.of() : summary.requests();
        return requests.stream().collect(Collectors.toMap(RequestStats::name, Function.identity(), (first, second) -> first,
                LinkedHashMap::new));
    }
}
