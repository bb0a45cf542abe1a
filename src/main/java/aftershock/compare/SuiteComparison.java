package aftershock.compare;

import aftershock.report.SuiteResults;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A baseline suite run against the current one, simulation by simulation. Regressions are: a verdict that got
 * worse, a simulation that crashed or went missing, any rise in lost or stale writes, and figures worse beyond
 * the {@link Tolerance}: latency percentiles (only with enough samples, and beyond their recorded intervals),
 * error rate (beyond chance), RPS, and per phase and per fault recovery, downtime and availability.
 *
 * <pre>
 *   SuiteComparison comparison = SuiteComparison.of(SuiteResults.read(baselineDir), SuiteResults.read(currentDir),
 *       Tolerance.ofPercent(10));
 *   comparison.regressions();   // "PodKill verdict PASS → FAIL", "SpikeLoad api keys: P50", ...
 * </pre>
 */
public record SuiteComparison(String baseline, String current, Tolerance tolerance, List<SimulationComparison> simulations) {

    public static SuiteComparison of(SuiteResults baseline, SuiteResults current, Tolerance tolerance) {
        Set<String> names = new LinkedHashSet<>();
        current.runs().forEach(run -> names.add(run.simulation()));
        baseline.runs().forEach(run -> names.add(run.simulation()));
        List<SimulationComparison> simulations = names.stream()
                .map(name -> SimulationComparer.compare(name, baseline.run(name), current.run(name), tolerance))
                .toList();
        return new SuiteComparison(baseline.name(), current.name(), tolerance, simulations);
    }

    /** Simulations not measured against each other because a run had no verdict: "SpikeLoad: current run INVALID (...)". */
    public List<String> noVerdicts() {
        return simulations.stream().filter(simulation -> simulation.noVerdict() != null)
                .map(simulation -> simulation.simulation() + ": " + simulation.noVerdict())
                .toList();
    }

    /** Every regression, labelled "Simulation group: metric" or "Simulation verdict PASS → FAIL". */
    public List<String> regressions() {
        return simulations.stream()
                .flatMap(simulation -> simulation.regressions().stream().map(label -> simulation.simulation() + " " + label))
                .toList();
    }
}
