package aftershock.recording;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a run's intervals as a standard HdrHistogram interval log (readable by HistogramLogAnalyzer and
 * {@link org.HdrHistogram.HistogramLogReader}). Values are milliseconds; each request name gets two tags,
 * {@code <name>.ok} and {@code <name>.ko}, the name encoded by {@link RequestTag} (the log reader stops at spaces).
 *
 * <pre>
 *   try (IntervalLog log = IntervalLog.create(dir.resolve("requests.hlog"), recording.startedAt())) {
 *       recording.addListener(log);
 *   }
 * </pre>
 */
public final class IntervalLog implements Recording.IntervalListener, AutoCloseable {

    /** Log values are milliseconds: this ratio makes the analyzer show seconds. */
    public static final double MILLIS_TO_SECONDS = 1000.0;

    private final HistogramLogWriter writer;
    private final long baseEpochMillis;

    private IntervalLog(HistogramLogWriter writer, long baseEpochMillis) {
        this.writer = writer;
        this.baseEpochMillis = baseEpochMillis;
    }

    public static IntervalLog create(Path file, Instant startedAt) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            HistogramLogWriter writer = new HistogramLogWriter(file.toFile());
            long base = startedAt.toEpochMilli();
            writer.outputLogFormatVersion();
            writer.outputComment("Aftershock request latencies in milliseconds; tags are <request>.ok and <request>.ko");
            writer.outputStartTime(base);
            writer.setBaseTime(base);
            writer.outputLegend();
            return new IntervalLog(writer, base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tag a request name is written under. */
    public static String tag(String requestName, boolean ok) {
        return RequestTag.encode(requestName) + (ok ? ".ok" : ".ko");
    }

    @Override
    public synchronized void interval(Instant from, Instant to, String requestName, Histogram ok, Histogram ko) {
        write(from, to, tag(requestName, true), ok);
        write(from, to, tag(requestName, false), ko);
    }

    private void write(Instant from, Instant to, String tag, Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return;
        }
        Histogram copy = histogram.copy();
        copy.setTag(tag);
        copy.setStartTimeStamp(from.toEpochMilli());
        copy.setEndTimeStamp(to.toEpochMilli());
        writer.outputIntervalHistogram((from.toEpochMilli() - baseEpochMillis) / 1000.0,
                (to.toEpochMilli() - baseEpochMillis) / 1000.0, copy, MILLIS_TO_SECONDS);
    }

    @Override
    public synchronized void close() {
        writer.close();
    }
}
