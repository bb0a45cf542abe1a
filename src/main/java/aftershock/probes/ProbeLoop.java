package aftershock.probes;

import aftershock.threads.DaemonScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a probe every {@code interval}, whether or not the previous ones have answered, so that a hanging
 * endpoint is seen from the probe sent just after the hang began, not one timeout later. A probe that answers
 * after {@code timeout} counts as failed, and at most {@code maxInFlight} probes wait for an answer at once
 * (a tick that finds them all busy sends nothing and is counted in {@link #skipped()}).
 *
 * <pre>
 *   try (ProbeLoop loop = ProbeLoop.start(health, Duration.ofMillis(100), Duration.ofSeconds(1), Clock.systemUTC())) {
 *       ...
 *       Recovery r = Recovery.of(loop.samples(), injectedAt, injectedAt, 3);
 *   }
 * </pre>
 */
public final class ProbeLoop implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ProbeLoop.class);

    private final Probe probe;
    private final Duration timeout;
    private final Clock clock;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final List<ProbeSample> samples = new ArrayList<>();
    private final ConcurrentSkipListMap<Long, Instant> pending = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final ScheduledExecutorService ticker = DaemonScheduler.create("aftershock-probe");
    private final ExecutorService senders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "aftershock-probe-send");
        thread.setDaemon(true);
        return thread;
    });

    private ProbeLoop(Probe probe, Duration timeout, int maxInFlight, Clock clock) {
        this.probe = probe;
        this.timeout = timeout;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * Starts probing now. The in-flight bound is one more than the probes a full timeout holds
     * (timeout / interval + 1), so an endpoint that honours the timeout never meets it.
     */
    public static ProbeLoop start(Probe probe, Duration interval, Duration timeout, Clock clock) {
        if (interval.isZero() || interval.isNegative() || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("probe interval and timeout must be positive, got " + interval
                    + " and " + timeout + ": set aftershock.probes.interval and aftershock.probes.timeout");
        }
        int maxInFlight = (int) Math.min(1000, timeout.toMillis() / Math.max(1, interval.toMillis()) + 2);
        ProbeLoop loop = new ProbeLoop(probe, timeout, maxInFlight, clock);
        loop.ticker.scheduleAtFixedRate(loop::send, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return loop;
    }

    private void send() {
        if (!inFlight.tryAcquire()) {
            if (skipped.incrementAndGet() == 1) {
                logger.warn("probe '{}': {} probes already wait for an answer, sending no more until one ends",
                        probe.describe(), maxInFlight);
            }
            return;
        }
        long id = sequence.incrementAndGet();
        Instant sentAt = clock.instant();
        pending.put(id, sentAt);
        try {
            senders.execute(() -> answer(id, sentAt));
        } catch (RejectedExecutionException closed) {
            pending.remove(id);
            inFlight.release();
        }
    }

    private void answer(long id, Instant sentAt) {
        try {
            boolean ok = probe.check();
            Instant answeredAt = clock.instant();
            // An answer after the timeout is a failure, whatever the probe's own client allowed.
            boolean inTime = Duration.between(sentAt, answeredAt).compareTo(timeout) <= 0;
            synchronized (samples) {
                samples.add(new ProbeSample(sentAt, answeredAt, ok && inTime));
            }
        } finally {
            pending.remove(id);
            inFlight.release();
        }
    }

    public Probe probe() {
        return probe;
    }

    /**
     * The settled samples, in the order they were sent: every sample sent before the oldest probe still waiting
     * for its answer. A later probe that answered first is held back until the earlier one ends, so that a run of
     * OK samples is never read past a probe that may still fail.
     */
    public List<ProbeSample> samples() {
        Map.Entry<Long, Instant> oldest = pending.firstEntry();
        Instant oldestPending = oldest == null ? null : oldest.getValue();
        List<ProbeSample> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        copy.sort(Comparator.comparing(ProbeSample::sentAt));
        if (oldestPending == null) {
            return List.copyOf(copy);
        }
        return copy.stream().filter(s -> s.sentAt().isBefore(oldestPending)).toList();
    }

    /** Ticks that sent nothing because every in-flight slot was taken. */
    public long skipped() {
        return skipped.get();
    }

    /** Stops sending; probes still in flight are abandoned. */
    @Override
    public void close() {
        DaemonScheduler.stop(ticker);
        senders.shutdownNow();
    }
}
