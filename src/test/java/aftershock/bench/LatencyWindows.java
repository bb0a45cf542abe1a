package aftershock.bench;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * P95 of OK responses in two windows of a run's interval log ({@code requests.hlog}): the first seconds of load
 * after {@code skipSeconds}, and the steady state (the second half of the load after {@code skipSeconds}). An
 * interval belongs to a window when its midpoint does, as in the run's own verdict windows.
 *
 * <pre>
 *   LatencyWindows windows = LatencyWindows.read(folder.resolve("requests.hlog"), 0, 5);
 *   double ratio = windows.startP95Millis() / (double) windows.steadyP95Millis();
 * </pre>
 *
 * From a shell: {@code java -cp ... aftershock.bench.LatencyWindows requests.hlog SKIP_S WINDOW_S} prints one
 * tab-separated line: start from, to, count, P95 ms, then steady from, to, count, P95 ms (seconds of load).
 */
public record LatencyWindows(Window start, Window steady) {

    /** OK latencies of one window of the load, seconds counted from the start of the log. */
    public record Window(double fromSecond, double toSecond, Histogram ok) {
        public long count() {
            return ok.getTotalCount();
        }

        /** P95 in milliseconds, or -1 when the window holds no OK response. */
        public long p95Millis() {
            return count() == 0 ? -1 : ok.getValueAtPercentile(95);
        }
    }

    public long startP95Millis() {
        return start.p95Millis();
    }

    public long steadyP95Millis() {
        return steady.p95Millis();
    }

    /**
     * Reads the log twice: once for where the load ends, once to fill the windows. The start window is
     * [skip, skip + window); the steady one runs from halfway between skip and the end of the load to the end.
     */
    public static LatencyWindows read(Path log, double skipSeconds, double windowSeconds) throws FileNotFoundException {
        double end = 0;
        HistogramLogReader first = new HistogramLogReader(log.toFile());
        for (EncodableHistogram h = first.nextIntervalHistogram(); h != null; h = first.nextIntervalHistogram()) {
            end = Math.max(end, offsetSeconds(first, h.getEndTimeStamp()));
        }
        first.close();
        if (end < skipSeconds + 2 * windowSeconds) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s holds %.1f s of load, expected at least %.0f s (skip %.0f s + 2 windows of %.0f s):"
                            + " run longer, or lower --skip", log, end, skipSeconds + 2 * windowSeconds, skipSeconds,
                    windowSeconds));
        }
        double steadyFrom = Math.max(skipSeconds + windowSeconds, (skipSeconds + end) / 2);
        Window start = new Window(skipSeconds, skipSeconds + windowSeconds, new Histogram(3));
        Window steady = new Window(steadyFrom, end, new Histogram(3));
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            // Tags are <request>.ok and <request>.ko: latency figures are of OK responses only.
            if (h.getTag() == null || !h.getTag().endsWith(".ok")) {
                continue;
            }
            double mid = (offsetSeconds(reader, h.getStartTimeStamp()) + offsetSeconds(reader, h.getEndTimeStamp())) / 2;
            for (Window window : new Window[] {start, steady}) {
                if (mid >= window.fromSecond && mid < window.toSecond) {
                    window.ok.add((Histogram) h);
                }
            }
        }
        reader.close();
        return new LatencyWindows(start, steady);
    }

    private static double offsetSeconds(HistogramLogReader reader, long epochMillis) {
        return epochMillis / 1000.0 - reader.getStartTimeSec();
    }

    public static void main(String[] args) throws FileNotFoundException {
        if (args.length != 3) {
            System.err.println("usage: LatencyWindows requests.hlog SKIP_SECONDS WINDOW_SECONDS");
            System.exit(2);
        }
        LatencyWindows w = read(Path.of(args[0]), Double.parseDouble(args[1]), Double.parseDouble(args[2]));
        System.out.println(String.format(Locale.ROOT, "%.1f\t%.1f\t%d\t%d\t%.1f\t%.1f\t%d\t%d",
                w.start.fromSecond, w.start.toSecond, w.start.count(), w.startP95Millis(),
                w.steady.fromSecond, w.steady.toSecond, w.steady.count(), w.steadyP95Millis()));
    }
}
