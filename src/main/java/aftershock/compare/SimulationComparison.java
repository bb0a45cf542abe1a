package aftershock.compare;

import aftershock.verdict.FaultWindow;
import aftershock.verdict.TimelinePoint;
import aftershock.verdict.Verdict;

import java.util.List;
import java.util.stream.Stream;

/**
 * One simulation in both runs: per request name P95, P99, error rate and RPS, and the run's recovery time.
 *
 * @param baselineVerdict  null when the simulation is missing from the baseline
 * @param currentVerdict   null when it is missing from the current run
 * @param recovery         slowest recovery over the run's faults, or null when neither run had faults
 * @param notes            what could not be compared and why
 * @param currentFaults    to shade the overlaid timeline
 * @param noVerdict        why the two runs were not measured against each other (a run is INVALID: its generator
 *                         did not keep up), or null when both were judged
 */
public record SimulationComparison(String simulation, Verdict baselineVerdict, Verdict currentVerdict,
                                   List<RequestComparison> requests, MetricDelta recovery, List<String> notes,
                                   List<TimelinePoint> baselineTimeline, List<TimelinePoint> currentTimeline,
                                   List<FaultWindow> currentFaults, String noVerdict) {

    /** One request name's figures. */
    public record RequestComparison(String request, List<MetricDelta> metrics) {
    }

    /** Every figure that regressed, labelled "request: metric". */
    public List<String> regressions() {
        Stream<String> requestRegressions = requests.stream()
                .flatMap(request -> request.metrics().stream().filter(MetricDelta::regression)
                        .map(metric -> request.request() + ": " + metric.metric()));
        Stream<String> recoveryRegression = recovery != null && recovery.regression()
                ? Stream.of("recovery time") : Stream.empty();
        return Stream.concat(requestRegressions, recoveryRegression).toList();
    }
}
