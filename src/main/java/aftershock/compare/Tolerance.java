package aftershock.compare;

import aftershock.report.Figures;

/**
 * How much worse a figure may get before it counts as a regression. A change must exceed both the relative
 * tolerance and an absolute floor, so that 1 ms to 2 ms is not a "100% regression".
 *
 * @param percent              relative change allowed, for example 10 for 10%
 * @param latencyFloorMillis   latency changes smaller than this never count (default 5 ms)
 * @param errorRateFloorPoints error-rate changes smaller than this many percentage points never count (default 0.5)
 * @param rpsFloor             throughput drops smaller than this never count (default 1 req/s)
 * @param recoveryFloorSeconds recovery-time changes smaller than this never count (default 1 s)
 */
public record Tolerance(double percent, double latencyFloorMillis, double errorRateFloorPoints, double rpsFloor,
                        double recoveryFloorSeconds) {

    public static final double DEFAULT_PERCENT = 10;

    public Tolerance {
        if (!(percent >= 0)) {
            throw new IllegalArgumentException("tolerance must be a percentage of 0 or more, got " + percent);
        }
    }

    /** The default floors with the given relative tolerance. */
    public static Tolerance ofPercent(double percent) {
        return new Tolerance(percent, 5, 0.5, 1, 1);
    }

    /** One line for reports, so a reader knows what was ignored. */
    public String describe() {
        return "tolerance " + format(percent) + "%; changes under " + format(latencyFloorMillis) + " ms latency, "
                + format(errorRateFloorPoints) + " error-rate points, " + format(rpsFloor) + " req/s or "
                + format(recoveryFloorSeconds) + " s recovery are ignored";
    }

    private static String format(double value) {
        return Figures.number(value);
    }
}
