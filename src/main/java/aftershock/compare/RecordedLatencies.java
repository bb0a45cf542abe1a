package aftershock.compare;

import aftershock.recording.RequestTag;
import aftershock.verdict.Threshold;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OK response times a run recorded in its {@code requests.hlog} (one histogram per request and second), read
 * back so that a percentile can be given with an interval rather than as a bare number.
 *
 * <pre>
 *   RecordedLatencies latencies = RecordedLatencies.read(runFolder.resolve("requests.hlog"), startedAtEpochMillis);
 *   latencies.ok("api keys", 0, 60).map(h -> PercentileInterval.of(h, 0.95));
 * </pre>
 */
final class RecordedLatencies {

    static final String FILE = "requests.hlog";
    private static final String OK = ".ok";

    private record Interval(String request, long startEpochMillis, Histogram histogram) {
    }

    private final List<Interval> intervals;
    private final long startedAtEpochMillis;

    private RecordedLatencies(List<Interval> intervals, long startedAtEpochMillis) {
        this.intervals = intervals;
        this.startedAtEpochMillis = startedAtEpochMillis;
    }

    /** The log's OK intervals; empty when there is no log (an older run, or a crash before it was copied). */
    static RecordedLatencies read(Path log, long startedAtEpochMillis) {
        List<Interval> intervals = new ArrayList<>();
        if (log != null && Files.isRegularFile(log)) {
            try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
                EncodableHistogram next;
                while ((next = reader.nextIntervalHistogram()) != null) {
                    if (next instanceof Histogram histogram && histogram.getTag() != null && histogram.getTag().endsWith(OK)) {
                        String tag = histogram.getTag();
                        intervals.add(new Interval(RequestTag.decode(tag.substring(0, tag.length() - OK.length())),
                                histogram.getStartTimeStamp(), histogram));
                    }
                }
            } catch (FileNotFoundException e) {
                return new RecordedLatencies(List.of(), startedAtEpochMillis);
            }
        }
        return new RecordedLatencies(intervals, startedAtEpochMillis);
    }

    /**
     * One histogram of the OK response times of {@code request} ({@link Threshold#ALL_REQUESTS} for all) sent from
     * {@code fromSecond} to {@code toSecond} of the judged run (the warm-up before second 0 is left out).
     */
    Optional<Histogram> ok(String request, double fromSecond, double toSecond) {
        long from = startedAtEpochMillis + Math.round(fromSecond * 1000) - TICK_SLACK_MILLIS;
        long to = startedAtEpochMillis + Math.round(toSecond * 1000);
        Histogram total = null;
        for (Interval interval : intervals) {
            boolean wanted = Threshold.ALL_REQUESTS.equals(request) || interval.request().equals(request);
            if (wanted && interval.startEpochMillis() >= from && interval.startEpochMillis() < to) {
                if (total == null) {
                    total = new Histogram(interval.histogram().getNumberOfSignificantValueDigits());
                }
                total.add(interval.histogram());
            }
        }
        return Optional.ofNullable(total).filter(histogram -> histogram.getTotalCount() > 0);
    }

    /** The first judged interval starts at second 0 give or take the timer's jitter. */
    private static final long TICK_SLACK_MILLIS = 50;
}
