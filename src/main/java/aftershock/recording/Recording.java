package aftershock.recording;

import aftershock.verdict.Recorded;
import aftershock.verdict.RequestStats;
import aftershock.verdict.Threshold;
import aftershock.verdict.TimelinePoint;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every request's response time and outcome, per request name and per second, recorded without locks.
 * Gatling's threads call {@link #record}; one ticker calls {@link #tick} once a second to close the
 * interval; windows of the run are then read back exactly by merging the per-second histograms.
 * A run may begin with a warm-up: its seconds are recorded (listeners such as the interval log get them) but lie
 * before second 0, so no window of the judged run, which starts at 0, ever contains them. A request belongs to the
 * warm-up when it was sent during it, even when answered after it: the interval log has it in the second it was
 * answered, the warm-up's figures count it, and no judged window does. The warm-up counts from the first request
 * sent, as the load generator starts a little after the recording.
 *
 * <pre>
 *   Recording recording = new Recording(Clock.systemUTC());
 *   recording.start();
 *   recording.record("login", 12, true);    // from any thread
 *   recording.tick();                         // once a second
 *   RequestStats all = recording.stats(Threshold.ALL_REQUESTS, 0, 60);
 * </pre>
 */
public final class Recording implements Recorded {

    private final Clock clock;
    private final Map<String, Recorders> recorders = new ConcurrentHashMap<>();
    private final Map<String, Recorders> warmUpTail = new ConcurrentHashMap<>();
    private final List<Second> seconds = new CopyOnWriteArrayList<>();
    private final List<IntervalListener> listeners = new CopyOnWriteArrayList<>();
    /** Tenths of a second since the epoch in which a request failed: user-visible error time, finer than a second. */
    private final NavigableSet<Long> failedEpochTenths = new ConcurrentSkipListSet<>();
    private volatile Instant loadStartedAt;
    private volatile Instant startedAt;
    private volatile Instant lastTickAt;
    private volatile long judgedFromEpochMillis = Long.MIN_VALUE;
    private volatile boolean awaitingFirstRequest;
    private volatile Duration warmUp = Duration.ZERO;

    public Recording(Clock clock) {
        this.clock = clock;
    }

    /** Receives each closed interval, for example to write it to an interval log. */
    public interface IntervalListener {
        void interval(Instant from, Instant to, String requestName, Histogram ok, Histogram ko);
    }

    public void addListener(IntervalListener listener) {
        listeners.add(listener);
    }

    /** Marks the start of load: second 0 of the timeline. */
    public void start() {
        start(Duration.ZERO);
    }

    /**
     * Marks the start of load, which warms up for {@code warmUp} first: second 0 of the judged run is then, and
     * the warm-up's seconds are negative.
     */
    public synchronized void start(Duration warmUp) {
        if (startedAt == null) {
            loadStartedAt = clock.instant();
            this.warmUp = warmUp;
            startedAt = loadStartedAt.plus(warmUp);
            lastTickAt = loadStartedAt;
            judgedFromEpochMillis = warmUp.isZero() ? Long.MIN_VALUE : startedAt.toEpochMilli();
            awaitingFirstRequest = !warmUp.isZero();
        }
    }

    /** Second 0 of the judged run: the start of load, or the end of its warm-up. */
    public Instant startedAt() {
        return startedAt;
    }

    /** When the load started, warm-up included. */
    public Instant loadStartedAt() {
        return loadStartedAt;
    }

    /** How long the warm-up before second 0 lasts, from the first request sent; zero without one. */
    @Override
    public double warmUpSeconds() {
        return warmUp.toNanos() / 1e9;
    }

    /** Records one request; {@code responseMillis} is the time to the response, or to the failure. */
    public void record(String requestName, long responseMillis, boolean ok) {
        if (awaitingFirstRequest) {
            warmUpFromFirstRequest(responseMillis);
        }
        Recorders r = recorders.computeIfAbsent(requestName, name -> new Recorders());
        if (sentDuringWarmUp(responseMillis)) {
            r = warmUpTail.computeIfAbsent(requestName, name -> new Recorders());
        }
        (ok ? r.ok : r.ko).recordValue(Math.max(0, responseMillis));
        if (!ok) {
            failedEpochTenths.add(clock.millis() / 100);
        }
    }

    /**
     * The tenths of a second since the epoch in which a request failed, warm-up included: what an injector hands the
     * merged run, which places them on its own second 0.
     */
    public SortedSet<Long> failedEpochTenths() {
        return new TreeSet<>(failedEpochTenths);
    }

    /** The tenths of a second from second 0 in which a request failed (when it failed, not when it was sent). */
    @Override
    public SortedSet<Long> failedTenths() {
        Instant zero = startedAt;
        return zero == null ? new TreeSet<>() : tenthsFrom(failedEpochTenths, zero.toEpochMilli());
    }

    /**
     * Tenths of a second since the epoch placed on a run's timeline: tenth 0 is the first 100 ms after
     * {@code secondZeroMillis}; those before it (the warm-up) are left out.
     */
    public static SortedSet<Long> tenthsFrom(Iterable<Long> epochTenths, long secondZeroMillis) {
        SortedSet<Long> tenths = new TreeSet<>();
        for (long epochTenth : epochTenths) {
            long offsetMillis = epochTenth * 100 - secondZeroMillis;
            if (offsetMillis >= 0) {
                tenths.add(offsetMillis / 100);
            }
        }
        return tenths;
    }

    /**
     * The load generator starts sending some time after the recording starts (a few hundred ms for Gatling): the
     * warm-up lasts its full length from the first request sent, so second 0 moves by that delay.
     */
    private synchronized void warmUpFromFirstRequest(long responseMillis) {
        if (!awaitingFirstRequest) {
            return;
        }
        awaitingFirstRequest = false;
        Duration delay = Duration.between(loadStartedAt, clock.instant().minusMillis(Math.max(0, responseMillis)));
        if (delay.isNegative() || delay.isZero()) {
            return;
        }
        startedAt = startedAt.plus(delay);
        judgedFromEpochMillis = startedAt.toEpochMilli();
    }

    /** Sent during the warm-up, whenever answered: a warm-up request, never in a judged second. */
    private boolean sentDuringWarmUp(long responseMillis) {
        long judgedFrom = judgedFromEpochMillis;
        return judgedFrom != Long.MIN_VALUE && clock.millis() - responseMillis < judgedFrom;
    }

    /** Closes the current interval: everything recorded since the last tick becomes one stored second. */
    public synchronized void tick() {
        if (startedAt == null) {
            return;
        }
        Instant now = clock.instant();
        Instant from = lastTickAt;
        Map<String, Histogram> ok = new TreeMap<>();
        Map<String, Histogram> ko = new TreeMap<>();
        Map<String, Histogram> tailOk = new TreeMap<>();
        Map<String, Histogram> tailKo = new TreeMap<>();
        for (Map.Entry<String, Recorders> entry : recorders.entrySet()) {
            ok.put(entry.getKey(), entry.getValue().okInterval());
            ko.put(entry.getKey(), entry.getValue().koInterval());
        }
        for (Map.Entry<String, Recorders> entry : warmUpTail.entrySet()) {
            tailOk.put(entry.getKey(), entry.getValue().okInterval());
            tailKo.put(entry.getKey(), entry.getValue().koInterval());
        }
        for (String name : ok.keySet()) {
            Histogram okInterval = withTail(ok.get(name), tailOk.get(name));
            Histogram koInterval = withTail(ko.get(name), tailKo.get(name));
            for (IntervalListener listener : listeners) {
                listener.interval(from, now, name, okInterval, koInterval);
            }
        }
        seconds.add(new Second(offsetSeconds(from), offsetSeconds(now), ok, ko, tailOk, tailKo));
        lastTickAt = now;
    }

    /** The interval log has every request answered in the interval, warm-up tail included. */
    private static Histogram withTail(Histogram interval, Histogram tail) {
        if (tail == null || tail.getTotalCount() == 0) {
            return interval;
        }
        Histogram merged = interval.copy();
        merged.add(tail);
        return merged;
    }

    /** Seconds since the start of load (fractional), for timestamps such as a fault's injection. */
    public double offsetSeconds(Instant instant) {
        return Duration.between(startedAt, instant).toNanos() / 1e9;
    }

    /** The seconds recorded so far, from second 0 (the warm-up is not counted). */
    @Override
    public double recordedSeconds() {
        return seconds.isEmpty() ? 0 : seconds.get(seconds.size() - 1).toSecond;
    }

    /** Request names seen so far, sorted. */
    @Override
    public List<String> requestNames() {
        List<String> names = new ArrayList<>(recorders.keySet());
        Collections.sort(names);
        return names;
    }

    /**
     * Figures for one request name, or {@link Threshold#ALL_REQUESTS}, over the intervals that lie inside
     * [fromSecond, toSecond] (an interval counts when its midpoint does).
     */
    @Override
    public RequestStats stats(String requestName, double fromSecond, double toSecond) {
        Histogram ok = new Histogram(3);
        Histogram ko = new Histogram(3);
        double covered = 0;
        for (Second second : seconds) {
            double mid = (second.fromSecond + second.toSecond) / 2;
            if (mid < fromSecond || mid > toSecond) {
                continue;
            }
            covered += second.toSecond - second.fromSecond;
            second.addTo(requestName, ok, ko);
        }
        return Stats.of(requestName, ok, ko, covered);
    }

    /** Figures for the warm-up: its seconds, and its requests answered after it. */
    @Override
    public RequestStats warmUpStats(String requestName) {
        Histogram ok = new Histogram(3);
        Histogram ko = new Histogram(3);
        double covered = 0;
        for (Second second : seconds) {
            if (second.fromSecond + second.toSecond < 0) {
                covered += second.toSecond - second.fromSecond;
                second.addTo(requestName, ok, ko);
            }
            second.addTailTo(requestName, ok, ko);
        }
        return Stats.of(requestName, ok, ko, covered);
    }

    /** One point per recorded interval of the judged run, all requests together; P95 and P99 of the OK ones. */
    @Override
    public List<TimelinePoint> timeline() {
        List<TimelinePoint> points = new ArrayList<>();
        for (Second second : seconds) {
            if (second.fromSecond + second.toSecond < 0) {
                continue;
            }
            Histogram ok = new Histogram(3);
            Histogram ko = new Histogram(3);
            second.addTo(Threshold.ALL_REQUESTS, ok, ko);
            // Percentiles of OK responses, as in every other figure; KOs are counted beside them.
            points.add(new TimelinePoint(Math.round(second.fromSecond), ok.getTotalCount() + ko.getTotalCount(),
                    ko.getTotalCount(),
                    ok.getTotalCount() == 0 ? 0 : ok.getValueAtPercentile(95),
                    ok.getTotalCount() == 0 ? 0 : ok.getValueAtPercentile(99)));
        }
        return points;
    }

    /**
     * Plain (not packed) recorders: HdrHistogram 2.2.2's packed concurrent histogram livelocks when several
     * writers resize it while the interval is flipped (seen here: 4 writers, 10 minutes stuck). Each closed
     * interval is kept as a compact {@link PackedHistogram} copy instead, made on the ticker thread alone.
     */
    private static final class Recorders {
        final Recorder ok = new Recorder(3);
        final Recorder ko = new Recorder(3);
        Histogram okSpare;
        Histogram koSpare;

        Histogram okInterval() {
            okSpare = ok.getIntervalHistogram(okSpare);
            return compact(okSpare);
        }

        Histogram koInterval() {
            koSpare = ko.getIntervalHistogram(koSpare);
            return compact(koSpare);
        }

        private static Histogram compact(Histogram interval) {
            PackedHistogram packed = new PackedHistogram(3);
            packed.add(interval);
            packed.setStartTimeStamp(interval.getStartTimeStamp());
            packed.setEndTimeStamp(interval.getEndTimeStamp());
            return packed;
        }
    }

    private record Second(double fromSecond, double toSecond, Map<String, Histogram> ok, Map<String, Histogram> ko,
                          Map<String, Histogram> tailOk, Map<String, Histogram> tailKo) {
        void addTailTo(String requestName, Histogram okTotal, Histogram koTotal) {
            new Second(fromSecond, toSecond, tailOk, tailKo, Map.of(), Map.of()).addTo(requestName, okTotal, koTotal);
        }

        void addTo(String requestName, Histogram okTotal, Histogram koTotal) {
            if (Threshold.ALL_REQUESTS.equals(requestName)) {
                ok.values().forEach(okTotal::add);
                ko.values().forEach(koTotal::add);
            } else {
                if (ok.containsKey(requestName)) {
                    okTotal.add(ok.get(requestName));
                    koTotal.add(ko.get(requestName));
                }
            }
        }
    }
}
