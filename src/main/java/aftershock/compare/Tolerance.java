package aftershock.compare;

import aftershock.report.Figures;

/**
 * How much worse a figure may get before it counts as a regression. A change must exceed both the relative
 * tolerance and an absolute floor, so that 1 ms to 2 ms is not a "100% regression". The floors of the tail
 * percentiles come from the noise measured between alike healthy runs on a shared 2-core machine (README:
 * "How much noise a comparison ignores"): there P95 rose by up to 94 ms and P99 by up to 813 ms with nothing
 * changed, while the median rose by 4 ms at most.
 *
 * @param percent                relative change allowed, for example 10 for 10%
 * @param latencyFloorMillis     P50 changes smaller than this never count (default 5 ms)
 * @param p95FloorMillis         P95 changes smaller than this never count (default 150 ms)
 * @param p99FloorMillis         P99 changes smaller than this never count (default 1000 ms)
 * @param errorRateFloorPoints   error-rate changes smaller than this many percentage points never count (default 0.5)
 * @param rpsFloor               throughput drops smaller than this never count (default 1 req/s)
 * @param recoveryFloorSeconds   recovery-time and downtime changes smaller than this never count (default 1 s)
 * @param availabilityFloorPoints availability drops smaller than this many percentage points never count (default 5)
 */
public record Tolerance(double percent, double latencyFloorMillis, double p95FloorMillis, double p99FloorMillis,
                        double errorRateFloorPoints, double rpsFloor, double recoveryFloorSeconds,
                        double availabilityFloorPoints) {

    public static final double DEFAULT_PERCENT = 10;
    public static final double DEFAULT_P95_FLOOR_MILLIS = 150;
    public static final double DEFAULT_P99_FLOOR_MILLIS = 1000;

    public Tolerance {
        if (!(percent >= 0)) {
            throw new IllegalArgumentException("tolerance must be a percentage of 0 or more, got " + percent);
        }
    }

    /** The default floors with the given relative tolerance. */
    public static Tolerance ofPercent(double percent) {
        return new Tolerance(percent, 5, DEFAULT_P95_FLOOR_MILLIS, DEFAULT_P99_FLOOR_MILLIS, 0.5, 1, 1, 5);
    }

    /** The same tolerance with other floors for the tail percentiles (a quiet, dedicated machine can afford less). */
    public Tolerance withTailFloors(double p95Millis, double p99Millis) {
        return new Tolerance(percent, latencyFloorMillis, p95Millis, p99Millis, errorRateFloorPoints, rpsFloor,
                recoveryFloorSeconds, availabilityFloorPoints);
    }

    /** One line for reports, so a reader knows what was ignored. */
    public String describe() {
        return "tolerance " + format(percent) + "%; changes under " + format(latencyFloorMillis) + " ms P50, "
                + format(p95FloorMillis) + " ms P95, " + format(p99FloorMillis) + " ms P99, "
                + format(errorRateFloorPoints) + " error-rate points, " + format(rpsFloor) + " req/s, "
                + format(recoveryFloorSeconds) + " s recovery or downtime, or " + format(availabilityFloorPoints)
                + " availability points are ignored; any rise in lost or stale writes counts";
    }

    private static String format(double value) {
        return Figures.number(value);
    }
}
