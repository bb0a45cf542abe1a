package aftershock.recording;

import aftershock.verdict.RequestStats;
import org.HdrHistogram.Histogram;

/** Turns OK and KO histograms of one window into {@link RequestStats}. */
public final class Stats {

    private Stats() {
    }

    /**
     * Latency figures are of OK responses only, like Gatling's OK column: a fast failure (a refused connection,
     * an instant 503) must not pull the percentiles down. Counts, KOs and RPS cover every request; RPS divides by
     * the window's length in seconds. With no OK response the latency figures are 0 and {@code ok} is 0: the
     * judge reads them as not measured.
     */
    public static RequestStats of(String name, Histogram ok, Histogram ko, double windowSeconds) {
        long count = ok.getTotalCount() + ko.getTotalCount();
        double rps = windowSeconds <= 0 ? 0 : round(count / windowSeconds);
        if (ok.getTotalCount() == 0) {
            return new RequestStats(name, count, 0, ko.getTotalCount(), 0, 0, 0, 0, 0, rps);
        }
        return new RequestStats(name, count, ok.getTotalCount(), ko.getTotalCount(), round(ok.getMean()),
                ok.getValueAtPercentile(50), ok.getValueAtPercentile(95), ok.getValueAtPercentile(99),
                ok.getMaxValue(), rps);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
