package aftershock.distributed;

import aftershock.recording.RequestTag;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Merges the HdrHistogram interval logs of several injectors into one exact histogram per request: adding
 * histograms loses nothing, so the merged percentiles are those of one histogram of every value.
 *
 * <pre>
 *   SortedMap&lt;String, Histogram&gt; byRequest = HistogramMerge.byRequest(List.of(injector0Log, injector1Log));
 *   byRequest.get("GET /home").getValueAtPercentile(99.9);
 * </pre>
 */
public final class HistogramMerge {

    /** The key for intervals written without a tag. */
    public static final String UNTAGGED = "(untagged)";

    private HistogramMerge() {
    }

    /**
     * Reads every interval of every log and adds it to the histogram of its request (the decoded tag, see
     * {@link RequestTag}); each merged histogram spans the earliest start to the latest end timestamp.
     */
    public static SortedMap<String, Histogram> byRequest(List<Path> intervalLogs) {
        SortedMap<String, Histogram> merged = new TreeMap<>();
        for (Path log : intervalLogs) {
            mergeInto(merged, log);
        }
        return Collections.unmodifiableSortedMap(merged);
    }

    private static void mergeInto(SortedMap<String, Histogram> merged, Path log) {
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (!(interval instanceof Histogram histogram)) {
                    throw new IllegalArgumentException("interval log " + log + " holds a "
                            + interval.getClass().getSimpleName() + ": injectors must record integer values "
                            + "(a Histogram or Recorder, not a DoubleHistogram)");
                }
                String request = histogram.getTag() == null ? UNTAGGED : RequestTag.decode(histogram.getTag());
                add(merged.computeIfAbsent(request, r -> emptyLike(histogram)), histogram);
            }
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("interval log " + log + " not found: did every injector finish and "
                    + "copy its log back?", e);
        }
    }

    private static Histogram emptyLike(Histogram first) {
        Histogram empty = new Histogram(first.getNumberOfSignificantValueDigits());
        empty.setStartTimeStamp(Long.MAX_VALUE);
        empty.setEndTimeStamp(0);
        return empty;
    }

    private static void add(Histogram total, Histogram interval) {
        total.add(interval);
        total.setStartTimeStamp(Math.min(total.getStartTimeStamp(), interval.getStartTimeStamp()));
        total.setEndTimeStamp(Math.max(total.getEndTimeStamp(), interval.getEndTimeStamp()));
    }
}
