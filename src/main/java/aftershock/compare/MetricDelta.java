package aftershock.compare;

/**
 * One figure of a baseline run against the same figure of the current run.
 *
 * @param metric     what is compared, for example "P95"
 * @param unit       "ms", "%", "req/s" or "s"
 * @param better     which direction is an improvement
 * @param baseline   the baseline's value, or null when it has none (a fault that never recovered)
 * @param current    the current run's value, or null when it has none
 * @param regression worse than the tolerance allows
 */
public record MetricDelta(String metric, String unit, Better better, Double baseline, Double current, boolean regression) {

    /** Which way a figure should move. */
    public enum Better { LOWER, HIGHER }

    /**
     * Compares two values. A regression moves the wrong way by more than {@code floor} (in the metric's unit)
     * and by more than {@code tolerancePercent} of the baseline. A value that vanished where a lower one is
     * better (a fault that recovered before and not now) is a regression too.
     */
    public static MetricDelta of(String metric, String unit, Better better, Double baseline, Double current,
                                 double floor, double tolerancePercent) {
        return new MetricDelta(metric, unit, better, baseline, current,
                isRegression(better, baseline, current, floor, tolerancePercent));
    }

    /** current - baseline, or null when either is missing. */
    public Double delta() {
        return baseline == null || current == null ? null : current - baseline;
    }

    /** Change relative to the baseline in percent; null when either is missing or the baseline is 0. */
    public Double percentChange() {
        Double delta = delta();
        return delta == null || baseline == 0 ? null : 100 * delta / Math.abs(baseline);
    }

    private static boolean isRegression(Better better, Double baseline, Double current, double floor, double tolerancePercent) {
        if (baseline == null || current == null) {
            return better == Better.LOWER && baseline != null;
        }
        double worse = better == Better.LOWER ? current - baseline : baseline - current;
        if (worse <= floor) {
            return false;
        }
        return baseline == 0 || 100 * worse / Math.abs(baseline) > tolerancePercent;
    }
}
