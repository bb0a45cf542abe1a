package aftershock.verdict;

import java.util.Objects;

/**
 * One pass/fail rule of a run, for example "P95 of every request below 500 ms" or
 * "recovery below 30 s, below 60 s is a warning".
 *
 * <pre>
 *   Threshold.of(Metric.P95_MILLIS, Comparison.BELOW, 500).named("P95 < 500 ms");
 *   Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 30).warnBelow(60);
 *   Threshold.of(Metric.ERROR_RATE_PERCENT, Comparison.BELOW, 5).forPhase(Phase.AFTER);
 * </pre>
 *
 * @param name       what a reader sees in reports
 * @param metric     what is measured
 * @param scope      a request name, a fault name, or {@link #ALL_REQUESTS}
 * @param phase      which part of the run the measurement covers
 * @param comparison how the measured value is held against the limits
 * @param passLimit  the limit that must hold for PASS
 * @param warnLimit  when not null, the looser limit that turns a miss into WARN instead of FAIL
 */
public record Threshold(String name, Metric metric, String scope, Phase phase, Comparison comparison,
                        double passLimit, Double warnLimit) {

    /** Scope of thresholds that cover every request of the run. */
    public static final String ALL_REQUESTS = "all requests";

    public Threshold {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(comparison, "comparison");
        if (name == null || name.isBlank()) {
            name = describe(metric, scope, phase, comparison, passLimit);
        }
    }

    /** A threshold over all requests and the whole run, named from its parts. */
    public static Threshold of(Metric metric, Comparison comparison, double passLimit) {
        return new Threshold(null, metric, ALL_REQUESTS, Phase.ALL, comparison, passLimit, null);
    }

    public Threshold forRequest(String requestName) {
        return new Threshold(null, metric, requestName, phase, comparison, passLimit, warnLimit);
    }

    public Threshold forScope(String scopeName) {
        return forRequest(scopeName);
    }

    public Threshold forPhase(Phase newPhase) {
        return new Threshold(null, metric, scope, newPhase, comparison, passLimit, warnLimit);
    }

    /** Same comparison against a looser limit: a miss of the pass limit that holds this one is a WARN. */
    public Threshold warnAt(double looserLimit) {
        return new Threshold(name, metric, scope, phase, comparison, passLimit, looserLimit);
    }

    public Threshold named(String newName) {
        return new Threshold(newName, metric, scope, phase, comparison, passLimit, warnLimit);
    }

    /** Judges one measured value; {@code null} or NaN (nothing was measured) always FAILs. */
    public Verdict judge(Double measured) {
        if (measured == null || measured.isNaN()) {
            return Verdict.FAIL;
        }
        if (comparison.holds(measured, passLimit)) {
            return Verdict.PASS;
        }
        if (warnLimit != null && comparison.holds(measured, warnLimit)) {
            return Verdict.WARN;
        }
        return Verdict.FAIL;
    }

    static String describe(Metric metric, String scope, Phase phase, Comparison comparison, double limit) {
        String where = ALL_REQUESTS.equals(scope) ? "" : " of " + scope;
        String when = phase == Phase.ALL ? "" : " (" + phase.name().toLowerCase() + " fault)";
        String unit = metric.unit().isEmpty() ? "" : " " + metric.unit();
        return metric.label() + where + when + " " + comparison.symbol() + " " + format(limit) + unit;
    }

    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.valueOf(value);
    }
}
