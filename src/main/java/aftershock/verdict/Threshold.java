package aftershock.verdict;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * One pass/fail rule of a run, for example "P95 of every request below 500 ms" or
 * "recovery below 30 s, below 60 s is a warning". Time limits are {@link Duration}s, judged to the millisecond.
 *
 * <pre>
 *   Threshold.below(Metric.P95_MILLIS, Duration.ofMillis(500));                       // "P95 &lt; 500 ms"
 *   Threshold.below(Metric.RECOVERY_SECONDS, Duration.ofMillis(1500)).forFault(podKill)
 *           .warnAt(Duration.ofSeconds(60));                                            // "recovery time of pod-kill &lt; 1.5 s"
 *   Threshold.below(Metric.ERROR_RATE_PERCENT, 5).forPhase(Phase.AFTER);               // "error rate (after fault) &lt; 5 %"
 * </pre>
 *
 * Thresholds are compared by identity where a simulation attaches a measurement or a note to one, so two
 * thresholds that happen to share a name never mix.
 *
 * @param name       what a reader sees in reports
 * @param metric     what is measured
 * @param scope      a request name, a fault's name, or {@link #ALL_REQUESTS}
 * @param phase      which part of the run the measurement covers
 * @param comparison how the measured value is held against the limits
 * @param passLimit  the limit that must hold for PASS, in the metric's unit
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

    /** A threshold on a time metric, its limit kept to the millisecond. */
    public static Threshold of(Metric metric, Comparison comparison, Duration passLimit) {
        return of(metric, comparison, metric.amount(passLimit));
    }

    public static Threshold below(Metric metric, double passLimit) {
        return of(metric, Comparison.BELOW, passLimit);
    }

    public static Threshold below(Metric metric, Duration passLimit) {
        return of(metric, Comparison.BELOW, passLimit);
    }

    public static Threshold atMost(Metric metric, double passLimit) {
        return of(metric, Comparison.AT_MOST, passLimit);
    }

    public static Threshold atMost(Metric metric, Duration passLimit) {
        return of(metric, Comparison.AT_MOST, passLimit);
    }

    public static Threshold above(Metric metric, double passLimit) {
        return of(metric, Comparison.ABOVE, passLimit);
    }

    public static Threshold atLeast(Metric metric, double passLimit) {
        return of(metric, Comparison.AT_LEAST, passLimit);
    }

    /** The same rule over the requests of that name only, as recorded by the load. */
    public Threshold forRequest(String requestName) {
        return new Threshold(null, metric, requestName, phase, comparison, passLimit, warnLimit);
    }

    /** The same rule over that fault's windows; with several faults of that name, the worst is judged. */
    public Threshold forFault(NamedFault fault) {
        return new Threshold(null, metric, fault.label(), phase, comparison, passLimit, warnLimit);
    }

    /**
     * The same rule over the worst of these faults, which share one name (the kills of a pod-kill plan).
     *
     * @throws IllegalArgumentException when the faults are none or have different names
     */
    public Threshold forFaults(Collection<? extends NamedFault> faults) {
        if (faults.isEmpty() || faults.stream().map(NamedFault::label).distinct().count() != 1) {
            throw new IllegalArgumentException("a threshold covers faults of one name, got "
                    + faults.stream().map(NamedFault::label).toList() + ": give each name its own threshold");
        }
        return forFault(faults.iterator().next());
    }

    public Threshold forPhase(Phase newPhase) {
        return new Threshold(null, metric, scope, newPhase, comparison, passLimit, warnLimit);
    }

    /** Same comparison against a looser limit: a miss of the pass limit that holds this one is a WARN. */
    public Threshold warnAt(double looserLimit) {
        return new Threshold(name, metric, scope, phase, comparison, passLimit, looserLimit);
    }

    /** {@link #warnAt(double)} for a time metric, kept to the millisecond. */
    public Threshold warnAt(Duration looserLimit) {
        return warnAt(metric.amount(looserLimit));
    }

    public Threshold named(String newName) {
        return new Threshold(newName, metric, scope, phase, comparison, passLimit, warnLimit);
    }

    /**
     * Named {@code what} followed by the comparison and the limit: {@code describedAs("failover")} on a 1.5 s
     * limit reads "failover &lt; 1.5 s".
     */
    public Threshold describedAs(String what) {
        return named(what + " " + comparison.symbol() + " " + limitText());
    }

    /** The pass limit with its unit, as names print it: "1.5 s", "500 ms", "0". */
    public String limitText() {
        return format(passLimit) + (metric.unit().isEmpty() ? "" : " " + metric.unit());
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
