package aftershock.compare;

import org.HdrHistogram.Histogram;

/**
 * A distribution-free confidence interval for a percentile, from the order statistics of a recorded histogram: with
 * n samples, the q-quantile lies between the samples ranked {@code nq ± z·sqrt(nq(1-q))} (normal approximation to
 * the binomial) with the chosen confidence. Two runs whose intervals do not overlap differ by more than chance.
 *
 * <pre>
 *   PercentileInterval p95 = PercentileInterval.of(histogram, 0.95);
 *   p95.lowMillis();   // 15
 *   p95.highMillis();  // 19
 * </pre>
 *
 * @param quantile   for example 0.95
 * @param samples    samples behind it
 * @param lowMillis  lower bound
 * @param highMillis upper bound
 */
record PercentileInterval(double quantile, long samples, long lowMillis, long highMillis) {

    /** 99 % two-sided: with two runs, non-overlapping intervals mean p well under 1 %. */
    static final double Z = 2.576;

    static PercentileInterval of(Histogram histogram, double quantile) {
        long n = histogram.getTotalCount();
        double rank = n * quantile;
        double spread = Z * Math.sqrt(n * quantile * (1 - quantile));
        long lowRank = Math.max(1, (long) Math.floor(rank - spread));
        long highRank = Math.min(n, (long) Math.ceil(rank + spread));
        return new PercentileInterval(quantile, n, valueAtRank(histogram, lowRank), valueAtRank(histogram, highRank));
    }

    /** The smallest sample count for which the percentile has at least 10 samples above it: P95 200, P99 1000. */
    static long minimumSamples(double quantile) {
        return (long) Math.ceil(10 / (1 - quantile) - 1e-9);
    }

    private static long valueAtRank(Histogram histogram, long rank) {
        return histogram.getValueAtPercentile(100.0 * rank / histogram.getTotalCount());
    }
}
