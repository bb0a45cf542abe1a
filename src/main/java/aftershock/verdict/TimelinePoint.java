package aftershock.verdict;

/**
 * One second of a run, all requests together.
 *
 * @param second seconds since the start of load
 */
public record TimelinePoint(long second, long count, long ko, long p95Millis, long p99Millis) {

    public double errorRatePercent() {
        return count == 0 ? 0.0 : 100.0 * ko / count;
    }
}
