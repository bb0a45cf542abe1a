package aftershock.compare;

import java.util.Locale;

/**
 * One figure of a baseline run against the same figure of the current run.
 *
 * @param metric     what is compared, for example "P95"
 * @param unit       "ms", "%", "req/s", "s" or "" for a count
 * @param better     which direction is an improvement
 * @param baseline   the baseline's value, or null when it has none (a fault that never recovered)
 * @param current    the current run's value, or null when it has none
 * @param regression worse than the tolerance allows (and, where it can be tested, more than chance explains)
 * @param note       how it was judged, or why it was not: "99% intervals 15–19 vs 60–66 ms", "not compared: ..."; or null
 */
public record MetricDelta(String metric, String unit, Better better, Double baseline, Double current, boolean regression,
                          String note) {

    /** Which way a figure should move. */
    public enum Better { LOWER, HIGHER }

    /** A figure without a note. */
    public MetricDelta(String metric, String unit, Better better, Double baseline, Double current, boolean regression) {
        this(metric, unit, better, baseline, current, regression, null);
    }

    /**
     * Compares two values. A regression moves the wrong way by more than {@code floor} (in the metric's unit)
     * and by more than {@code tolerancePercent} of the baseline. A value that vanished where a lower one is
     * better (a fault that recovered before and not now) is a regression too.
     */
    public static MetricDelta of(String metric, String unit, Better better, Double baseline, Double current,
                                 double floor, double tolerancePercent) {
        return new MetricDelta(metric, unit, better, baseline, current,
                beyond(better, baseline, current, floor, tolerancePercent));
    }

    /**
     * A latency percentile of OK responses. It is compared only when both runs have enough samples for it
     * ({@link PercentileInterval#minimumSamples}); with both runs' histograms it is a regression only when it is
     * beyond the tolerance and the two 99 % intervals do not overlap. Without histograms, the tolerance alone decides,
     * and the note says so.
     */
    static MetricDelta percentile(String metric, double quantile, Percentile baseline, Percentile current,
                                  double floorMillis, double tolerancePercent) {
        Double before = (double) baseline.millis();
        Double now = (double) current.millis();
        long minimum = PercentileInterval.minimumSamples(quantile);
        if (baseline.samples() < minimum || current.samples() < minimum) {
            return new MetricDelta(metric, "ms", Better.LOWER, before, now, false, "not compared: " + baseline.samples()
                    + " and " + current.samples() + " OK samples, " + metric + " needs " + minimum + " in each");
        }
        boolean beyond = beyond(Better.LOWER, before, now, floorMillis, tolerancePercent);
        if (baseline.interval() == null || current.interval() == null) {
            return new MetricDelta(metric, "ms", Better.LOWER, before, now, beyond,
                    "no recorded histogram: tolerance only, no interval");
        }
        boolean significant = current.interval().lowMillis() > baseline.interval().highMillis();
        String intervals = "99% intervals " + baseline.interval().lowMillis() + "–" + baseline.interval().highMillis()
                + " vs " + current.interval().lowMillis() + "–" + current.interval().highMillis() + " ms, "
                + baseline.samples() + " and " + current.samples() + " samples";
        return new MetricDelta(metric, "ms", Better.LOWER, before, now, beyond && significant,
                beyond && !significant ? intervals + ": within chance" : intervals);
    }

    /**
     * A share of failed requests: a regression beyond the tolerance that a one-sided two-proportion z-test also finds
     * significant (z above 2.33, p under 1 %).
     */
    static MetricDelta errorRate(long baselineKo, long baselineCount, long currentKo, long currentCount,
                                 double floorPoints, double tolerancePercent) {
        Double before = baselineCount == 0 ? 0.0 : 100.0 * baselineKo / baselineCount;
        Double now = currentCount == 0 ? 0.0 : 100.0 * currentKo / currentCount;
        boolean beyond = beyond(Better.LOWER, before, now, floorPoints, tolerancePercent);
        if (baselineCount == 0 || currentCount == 0) {
            return new MetricDelta("error rate", "%", Better.LOWER, before, now, false, "not compared: no requests");
        }
        double pooled = (double) (baselineKo + currentKo) / (baselineCount + currentCount);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / baselineCount + 1.0 / currentCount));
        double z = standardError == 0 ? 0 : ((now - before) / 100) / standardError;
        return new MetricDelta("error rate", "%", Better.LOWER, before, now, beyond && z > Z_ONE_SIDED_1_PERCENT,
                String.format(Locale.ROOT, "%d/%d vs %d/%d failed, z = %.1f", baselineKo, baselineCount, currentKo,
                        currentCount, z));
    }

    static final double Z_ONE_SIDED_1_PERCENT = 2.326;

    /** A recorded percentile: its value, the OK samples behind it, and its interval when the histogram was kept. */
    record Percentile(long millis, long samples, PercentileInterval interval) {
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

    private static boolean beyond(Better better, Double baseline, Double current, double floor, double tolerancePercent) {
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
