package aftershock.recording;

import aftershock.verdict.RequestStats;
import org.HdrHistogram.Histogram;

/** Turns OK and KO histograms of one window into {@link RequestStats}. */
public final class Stats {

    private Stats() {
    }

    /** Latency figures cover OK and KO responses alike; RPS divides by the window's length in seconds. */
    public static RequestStats of(String name, Histogram ok, Histogram ko, double windowSeconds) {
        Histogram all = ok.copy();
        all.add(ko);
        long count = all.getTotalCount();
        if (count == 0) {
            return new RequestStats(name, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new RequestStats(name, count, ok.getTotalCount(), ko.getTotalCount(), round(all.getMean()),
                all.getValueAtPercentile(50), all.getValueAtPercentile(95), all.getValueAtPercentile(99),
                all.getMaxValue(), windowSeconds <= 0 ? 0 : round(count / windowSeconds));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
