package aftershock.compare;

import aftershock.verdict.FaultWindow;
import aftershock.verdict.TimelinePoint;
import aftershock.verdict.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One simulation in both runs: how it ended, per request name its latency percentiles, error rate and RPS, per phase
 * its figures, per fault its recovery, downtime and availability, and the lost-data check.
 *
 * @param baselineVerdict    null when the simulation is missing from the baseline
 * @param currentVerdict     null when it is missing from the current run
 * @param outcomeRegressions regressions of the run as a whole: "verdict PASS → FAIL", "crashed: ...", "missing ..."
 * @param requests           per request name
 * @param phases             per phase of the run (before, during and after the faults)
 * @param faults             per fault fired, in order: "fault pod-kill #1"
 * @param integrity          lost and stale writes, or empty when neither run checked them
 * @param notes              what could not be compared and why, and how the runs differ
 * @param currentFaults      to shade the overlaid timeline
 * @param noVerdict          why the two runs were not measured against each other (a run is INVALID: its generator
 *                           did not keep up), or null when both were judged
 */
public record SimulationComparison(String simulation, Verdict baselineVerdict, Verdict currentVerdict,
                                   List<String> outcomeRegressions, List<RequestComparison> requests,
                                   List<RequestComparison> phases, List<RequestComparison> faults,
                                   List<RequestComparison> integrity, List<String> notes,
                                   List<TimelinePoint> baselineTimeline, List<TimelinePoint> currentTimeline,
                                   List<FaultWindow> currentFaults, String noVerdict) {

    /** One group of figures: a request name, a phase, a fault or the lost-data check. */
    public record RequestComparison(String request, List<MetricDelta> metrics) {
    }

    /** Every group in table order: requests, phases, faults, lost-data check. */
    public List<RequestComparison> groups() {
        List<RequestComparison> groups = new ArrayList<>(requests);
        groups.addAll(phases);
        groups.addAll(faults);
        groups.addAll(integrity);
        return groups;
    }

    /** Every regression: the run's own first ("verdict PASS → FAIL"), then each figure, labelled "group: metric". */
    public List<String> regressions() {
        Stream<String> figures = groups().stream()
                .flatMap(group -> group.metrics().stream().filter(MetricDelta::regression)
                        .map(metric -> group.request() + ": " + metric.metric()));
        return Stream.concat(outcomeRegressions.stream(), figures).toList();
    }
}
