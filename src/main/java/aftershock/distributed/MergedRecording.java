package aftershock.distributed;

import aftershock.recording.Recording;
import aftershock.recording.RequestTag;
import aftershock.recording.Stats;
import aftershock.verdict.Recorded;
import aftershock.verdict.RequestStats;
import aftershock.verdict.Threshold;
import aftershock.verdict.TimelinePoint;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What several injectors recorded, read back from their interval logs ({@link aftershock.recording.IntervalLog}) and
 * judged as one recording: every 1 s interval of every injector, per request name and OK/KO, placed on one timeline
 * whose second 0 is the conductor's. A window holds the intervals whose midpoint lies in it, as in
 * {@link aftershock.recording.Recording}; their histograms are added, which loses nothing, so the merged
 * percentiles are those of one histogram of every request.
 *
 * <pre>
 *   MergedRecording merged = MergedRecording.read(List.of(log0, log1, log2), secondZero, 0);
 *   Judge.judge(facts, merged, thresholds);
 * </pre>
 */
public final class MergedRecording implements Recorded {

    private static final String OK_SUFFIX = ".ok";
    private static final String KO_SUFFIX = ".ko";

    private final List<Interval> intervals;
    private final List<Long> requestsPerLog;
    private final double warmUpSeconds;
    private final long secondZeroMillis;
    /** Every injector's failure instants, in tenths of a second since the epoch; null when one did not give them. */
    private final SortedSet<Long> failedEpochTenths;

    private MergedRecording(List<Interval> intervals, List<Long> requestsPerLog, double warmUpSeconds,
                            long secondZeroMillis, SortedSet<Long> failedEpochTenths) {
        this.intervals = intervals;
        this.requestsPerLog = requestsPerLog;
        this.warmUpSeconds = warmUpSeconds;
        this.secondZeroMillis = secondZeroMillis;
        this.failedEpochTenths = failedEpochTenths;
    }

    /**
     * The same recording, with the tenths of a second (since the epoch) in which each injector saw a request fail:
     * its user-visible error time then has 100 ms resolution, as one injector's has. Without them it is counted in
     * whole seconds, from the interval logs.
     */
    public MergedRecording withFailedEpochTenths(Collection<? extends Collection<Long>> perInjector) {
        SortedSet<Long> all = new TreeSet<>();
        perInjector.forEach(all::addAll);
        return new MergedRecording(intervals, requestsPerLog, warmUpSeconds, secondZeroMillis,
                Collections.unmodifiableSortedSet(all));
    }

    @Override
    public SortedSet<Long> failedTenths() {
        return failedEpochTenths == null ? Recorded.super.failedTenths()
                : Recording.tenthsFrom(failedEpochTenths, secondZeroMillis);
    }

    /** One interval of one injector: a request name's OK or KO responses between two seconds of the timeline. */
    private record Interval(double fromSecond, double toSecond, String requestName, boolean ok, Histogram histogram) {
        double midSecond() {
            return (fromSecond + toSecond) / 2;
        }
    }

    /**
     * Reads every interval of every log.
     *
     * @param secondZero    second 0 of the judged run, the conductor's
     * @param warmUpSeconds how long the warm-up before second 0 lasted; 0 without one
     */
    public static MergedRecording read(List<Path> intervalLogs, Instant secondZero, double warmUpSeconds) {
        List<Interval> intervals = new ArrayList<>();
        List<Long> perLog = new ArrayList<>();
        for (Path log : intervalLogs) {
            perLog.add(readInto(intervals, log, secondZero.toEpochMilli()));
        }
        return new MergedRecording(List.copyOf(intervals), List.copyOf(perLog), warmUpSeconds, secondZero.toEpochMilli(),
                null);
    }

    private static long readInto(List<Interval> intervals, Path log, long secondZeroMillis) {
        long requests = 0;
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (!(interval instanceof Histogram histogram) || histogram.getTag() == null) {
                    throw new IllegalArgumentException("interval log " + log + " holds an interval that is not a tagged"
                            + " integer Histogram: it was not written by an Aftershock injector (IntervalLog)");
                }
                String tag = RequestTag.decode(histogram.getTag());
                boolean ok = tag.endsWith(OK_SUFFIX);
                if (!ok && !tag.endsWith(KO_SUFFIX)) {
                    throw new IllegalArgumentException("interval log " + log + " has the tag '" + tag + "': an injector"
                            + " tags each interval <request>.ok or <request>.ko");
                }
                String name = tag.substring(0, tag.length() - OK_SUFFIX.length());
                intervals.add(new Interval((histogram.getStartTimeStamp() - secondZeroMillis) / 1000.0,
                        (histogram.getEndTimeStamp() - secondZeroMillis) / 1000.0, name, ok, histogram));
                requests += histogram.getTotalCount();
            }
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("interval log " + log + " not found: did every injector finish and write it?", e);
        }
        return requests;
    }

    /** The requests each log holds, warm-up included, in the order the logs were given. */
    public List<Long> requestsPerLog() {
        return requestsPerLog;
    }

    @Override
    public RequestStats stats(String requestName, double fromSecond, double toSecond) {
        return Stats.of(requestName, histogram(requestName, true, fromSecond, toSecond),
                histogram(requestName, false, fromSecond, toSecond), coveredSeconds(fromSecond, toSecond));
    }

    /**
     * Every OK (or KO) response time of a request name, or {@link Threshold#ALL_REQUESTS}, recorded in the window by
     * any injector, as one histogram.
     */
    public Histogram histogram(String requestName, boolean ok, double fromSecond, double toSecond) {
        Histogram merged = new Histogram(3);
        for (Interval interval : intervals) {
            double mid = interval.midSecond();
            if (mid < fromSecond || mid > toSecond || interval.ok() != ok) {
                continue;
            }
            if (Threshold.ALL_REQUESTS.equals(requestName) || interval.requestName().equals(requestName)) {
                merged.add(interval.histogram());
            }
        }
        return merged;
    }

    /**
     * The seconds of the window the run covered, from the start of its load to the end of its last interval, as
     * {@link aftershock.recording.Recording} covers every second it ticked, with requests or not: an interval log
     * leaves out the seconds in which an injector answered nothing.
     */
    private double coveredSeconds(double fromSecond, double toSecond) {
        double begin = -warmUpSeconds;
        double end = recordedSeconds();
        return Math.max(0, Math.min(toSecond, end) - Math.max(fromSecond, begin));
    }

    @Override
    public List<String> requestNames() {
        return List.copyOf(new TreeSet<>(intervals.stream().map(Interval::requestName).toList()));
    }

    @Override
    public List<TimelinePoint> timeline() {
        SortedMap<Long, Histogram[]> seconds = new TreeMap<>();
        for (Interval interval : intervals) {
            if (interval.midSecond() < 0) {
                continue;
            }
            Histogram[] okKo = seconds.computeIfAbsent(Math.round(interval.fromSecond()),
                    s -> new Histogram[] {new Histogram(3), new Histogram(3)});
            okKo[interval.ok() ? 0 : 1].add(interval.histogram());
        }
        List<TimelinePoint> points = new ArrayList<>();
        seconds.forEach((second, okKo) -> {
            Histogram ok = okKo[0];
            long koCount = okKo[1].getTotalCount();
            points.add(new TimelinePoint(second, ok.getTotalCount() + koCount, koCount,
                    ok.getTotalCount() == 0 ? 0 : ok.getValueAtPercentile(95),
                    ok.getTotalCount() == 0 ? 0 : ok.getValueAtPercentile(99)));
        });
        return points;
    }

    @Override
    public double recordedSeconds() {
        return intervals.stream().mapToDouble(Interval::toSecond).max().orElse(0);
    }

    @Override
    public double warmUpSeconds() {
        return warmUpSeconds;
    }
}
