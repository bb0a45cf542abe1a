package aftershock.verdict;

/**
 * Figures for one request name (or all requests) over one window of a run.
 * A request that got no response (refused, timed out) counts as KO.
 */
public record RequestStats(String name, long count, long ok, long ko, double meanMillis, long p50Millis,
                           long p95Millis, long p99Millis, long maxMillis, double rps) {

    public double errorRatePercent() {
        return count == 0 ? 0.0 : 100.0 * ko / count;
    }

    public double successRatePercent() {
        return count == 0 ? 0.0 : 100.0 * ok / count;
    }
}
