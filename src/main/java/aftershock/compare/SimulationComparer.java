package aftershock.compare;

import aftershock.compare.MetricDelta.Better;
import aftershock.compare.MetricDelta.Percentile;
import aftershock.compare.SimulationComparison.RequestComparison;
import aftershock.report.Figures;
import aftershock.report.SimulationRun;
import aftershock.system.BuiltInTarget;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.IntegrityResult;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.RunSummary.PhaseStats;
import aftershock.verdict.Threshold;
import aftershock.verdict.TimelinePoint;
import aftershock.verdict.Verdict;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds one {@link SimulationComparison}: what regressed between a baseline run and the current one. */
final class SimulationComparer {

    private static final double WHOLE_RUN_SECONDS = 1e9;

    private final Tolerance tolerance;
    private final List<String> notes = new ArrayList<>();

    private SimulationComparer(Tolerance tolerance) {
        this.tolerance = tolerance;
    }

    static SimulationComparison compare(String name, Optional<SimulationRun> baselineRun, Optional<SimulationRun> currentRun,
                                        Tolerance tolerance) {
        return new SimulationComparer(tolerance).comparison(name, baselineRun, currentRun);
    }

    private SimulationComparison comparison(String name, Optional<SimulationRun> baselineRun, Optional<SimulationRun> currentRun) {
        List<String> outcome = new ArrayList<>();
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
        } else {
            outcome.addAll(outcomeRegressions(baselineRun, currentRun));
        }
        List<RequestComparison> requests = List.of();
        List<RequestComparison> phases = List.of();
        List<RequestComparison> faults = List.of();
        List<RequestComparison> integrity = List.of();
        if (base != null && now != null) {
            likeness(base, now);
            RecordedLatencies baseLatencies = latencies(baselineRun.get(), base);
            RecordedLatencies nowLatencies = latencies(currentRun.get(), now);
            requests = requests(base, now, baseLatencies, nowLatencies);
            phases = phases(base, now, baseLatencies, nowLatencies);
            faults = faults(base, now);
            integrity = integrity(base.integrity(), now.integrity());
        }
        return new SimulationComparison(name,
                baselineRun.map(SimulationRun::verdict).orElse(null), currentRun.map(SimulationRun::verdict).orElse(null),
                outcome, requests, phases, faults, integrity, List.copyOf(notes), timeline(base), timeline(now),
                now == null || now.faults() == null ? List.of() : now.faults(), noVerdict);
    }

    /** A verdict that got worse, and a simulation that crashed, was refused or went missing where it ran before. */
    private static List<String> outcomeRegressions(Optional<SimulationRun> baselineRun, Optional<SimulationRun> currentRun) {
        List<String> regressions = new ArrayList<>();
        if (currentRun.isEmpty()) {
            baselineRun.ifPresent(run -> regressions.add("missing from the current run (" + run.result() + " in the baseline)"));
            return regressions;
        }
        SimulationRun now = currentRun.get();
        boolean ranBefore = baselineRun.map(run -> !run.crashed()).orElse(true);
        if (now.crashed() && ranBefore) {
            regressions.add(now.noSummaryReason() + ": " + now.problem());
            return regressions;
        }
        Verdict before = baselineRun.filter(run -> !run.crashed()).map(SimulationRun::verdict).orElse(null);
        if (before != null && !now.crashed() && now.verdict().compareTo(before) > 0) {
            regressions.add("verdict " + before + " → " + now.verdict());
        }
        return regressions;
    }

    private static Optional<String> noVerdict(String role, Optional<SimulationRun> run) {
        return run.filter(SimulationRun::invalid).map(invalid -> role + " run " + invalid.outcome().line());
    }

    /** Runs that are not alike say so first; other differences (commit, JVM, machine, settings) are listed too. */
    private void likeness(RunSummary base, RunSummary now) {
        if (base.metadata() != null && now.metadata() != null) {
            List<String> unlike = base.metadata().unlike(now.metadata());
            if (!unlike.isEmpty()) {
                notes.add("not alike, compare with care: " + String.join("; ", unlike) + " (baseline vs current)");
            }
            List<String> other = base.metadata().otherDifferences(now.metadata());
            if (!other.isEmpty()) {
                notes.add("alike apart from: " + String.join("; ", other) + " (baseline vs current)");
            }
            return;
        }
        notAlike(base, now).ifPresent(notes::add);
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

    private List<RequestComparison> requests(RunSummary base, RunSummary now, RecordedLatencies baseLatencies,
                                             RecordedLatencies nowLatencies) {
        Map<String, RequestStats> before = byName(base.requests());
        Map<String, RequestStats> after = byName(now.requests());
        List<RequestComparison> requests = new ArrayList<>();
        for (RequestStats current : after.values()) {
            RequestStats baseline = before.get(current.name());
            if (baseline == null) {
                notes.add("request '" + current.name() + "' is new in the current run");
                continue;
            }
            List<MetricDelta> metrics = new ArrayList<>(latency(baseline, current,
                    baseLatencies.ok(current.name(), 0, WHOLE_RUN_SECONDS), nowLatencies.ok(current.name(), 0, WHOLE_RUN_SECONDS)));
            if (Threshold.ALL_REQUESTS.equals(current.name())) {
                // One request's share of a weighted random mix wanders by chance; the total rate is what was planned.
                metrics.add(MetricDelta.of("RPS", "req/s", Better.HIGHER, baseline.rps(), current.rps(),
                        tolerance.rpsFloor(), tolerance.percent()));
            }
            requests.add(new RequestComparison(current.name(), metrics));
        }
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> notes.add("request '" + name + "' is only in the baseline"));
        return requests;
    }

    /** P50, P95 and P99 of OK responses, each with its interval when histograms were recorded, and the error rate. */
    private List<MetricDelta> latency(RequestStats baseline, RequestStats current, Optional<Histogram> baseHistogram,
                                      Optional<Histogram> nowHistogram) {
        return List.of(
                percentile("P50", 0.50, baseline.p50Millis(), current.p50Millis(), baseline, current, baseHistogram,
                        nowHistogram, tolerance.latencyFloorMillis()),
                percentile("P95", 0.95, baseline.p95Millis(), current.p95Millis(), baseline, current, baseHistogram,
                        nowHistogram, tolerance.p95FloorMillis()),
                percentile("P99", 0.99, baseline.p99Millis(), current.p99Millis(), baseline, current, baseHistogram,
                        nowHistogram, tolerance.p99FloorMillis()),
                MetricDelta.errorRate(baseline.ko(), baseline.count(), current.ko(), current.count(),
                        tolerance.errorRateFloorPoints(), tolerance.percent()));
    }

    private MetricDelta percentile(String metric, double quantile, long baseMillis, long nowMillis, RequestStats baseline,
                                   RequestStats current, Optional<Histogram> baseHistogram, Optional<Histogram> nowHistogram,
                                   double floorMillis) {
        return MetricDelta.percentile(metric, quantile,
                new Percentile(baseMillis, baseline.ok(), baseHistogram.map(h -> PercentileInterval.of(h, quantile)).orElse(null)),
                new Percentile(nowMillis, current.ok(), nowHistogram.map(h -> PercentileInterval.of(h, quantile)).orElse(null)),
                floorMillis, tolerance.percent());
    }

    /** Each phase (before, during, after the faults) over all requests, matched by phase and order. */
    private List<RequestComparison> phases(RunSummary base, RunSummary now, RecordedLatencies baseLatencies,
                                           RecordedLatencies nowLatencies) {
        Map<String, PhaseStats> before = keyed(base.phases(), phase -> phase.phase().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, PhaseStats> after = keyed(now.phases(), phase -> phase.phase().name().toLowerCase(java.util.Locale.ROOT));
        List<RequestComparison> phases = new ArrayList<>();
        after.forEach((key, current) -> {
            PhaseStats baseline = before.get(key);
            if (baseline != null) {
                phases.add(new RequestComparison("phase " + key, latency(baseline.stats(), current.stats(),
                        baseLatencies.ok(Threshold.ALL_REQUESTS, baseline.fromSecond(), baseline.toSecond()),
                        nowLatencies.ok(Threshold.ALL_REQUESTS, current.fromSecond(), current.toSecond()))));
            }
        });
        return phases;
    }

    /** Each fault, matched by name and order: recovery time, longest downtime and availability. */
    private List<RequestComparison> faults(RunSummary base, RunSummary now) {
        Map<String, FaultWindow> before = keyed(base.faults(), FaultWindow::fault);
        Map<String, FaultWindow> after = keyed(now.faults(), FaultWindow::fault);
        List<RequestComparison> faults = new ArrayList<>();
        after.forEach((key, current) -> {
            FaultWindow baseline = before.get(key);
            if (baseline == null) {
                notes.add("fault " + key + " is new in the current run");
                return;
            }
            faults.add(new RequestComparison("fault " + key, List.of(
                    MetricDelta.of("recovery time", "s", Better.LOWER, baseline.recoverySeconds(), current.recoverySeconds(),
                            tolerance.recoveryFloorSeconds(), tolerance.percent()),
                    MetricDelta.of("max downtime", "s", Better.LOWER, baseline.maxDowntimeSeconds(),
                            current.maxDowntimeSeconds(), tolerance.recoveryFloorSeconds(), tolerance.percent()),
                    MetricDelta.of("availability", "%", Better.HIGHER, baseline.availabilityPercent(),
                            current.availabilityPercent(), tolerance.availabilityFloorPoints(), tolerance.percent()))));
        });
        before.keySet().stream().filter(key -> !after.containsKey(key))
                .forEach(key -> notes.add("fault " + key + " is only in the baseline"));
        return faults;
    }

    /** Any rise in lost or stale writes is a regression: no tolerance, no floor. */
    private static List<RequestComparison> integrity(IntegrityResult base, IntegrityResult now) {
        if (base == null && now == null) {
            return List.of();
        }
        Double lostBefore = base == null ? 0.0 : base.lost();
        Double staleBefore = base == null ? 0.0 : base.stale();
        Double lostNow = now == null ? null : (double) now.lost();
        Double staleNow = now == null ? null : (double) now.stale();
        return List.of(new RequestComparison("lost-data check", List.of(
                MetricDelta.of("lost writes", "", Better.LOWER, lostBefore, lostNow, 0, 0),
                MetricDelta.of("stale writes", "", Better.LOWER, staleBefore, staleNow, 0, 0))));
    }

    private static RecordedLatencies latencies(SimulationRun run, RunSummary summary) {
        return RecordedLatencies.read(run.runFolder() == null ? null : run.runFolder().resolve(RecordedLatencies.FILE),
                summary.startedAtEpochMillis());
    }

    /** Keys items by name, the second of a name as "name #2", so repeated faults and phases pair up in order. */
    private static <T> Map<String, T> keyed(List<T> items, Function<T, String> name) {
        Map<String, T> keyed = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (T item : items == null ? List.<T>of() : items) {
            String base = name.apply(item);
            int count = seen.merge(base, 1, Integer::sum);
            keyed.put(count == 1 ? base : base + " #" + count, item);
        }
        return keyed;
    }

    private static List<TimelinePoint> timeline(RunSummary summary) {
        return summary == null || summary.timeline() == null ? List.of() : summary.timeline();
    }

    private static Map<String, RequestStats> byName(List<RequestStats> requests) {
        return (requests == null ? List.<RequestStats>of() : requests).stream()
                .collect(Collectors.toMap(RequestStats::name, Function.identity(), (first, second) -> first, LinkedHashMap::new));
    }
}
