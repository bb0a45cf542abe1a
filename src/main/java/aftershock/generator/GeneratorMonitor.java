package aftershock.generator;

import aftershock.threads.DaemonScheduler;
import aftershock.verdict.GeneratorError;
import aftershock.verdict.GeneratorRecord;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator watching itself, once a second: requests sent, users arrived, GC pauses (from the JVM's GC
 * notifications), the process's CPU use and its open file descriptors against the limit; beside that the scheduler
 * probe's samples and the requests that failed on the generator's side. {@link #record} hands it all to
 * {@link aftershock.verdict.GeneratorHealth#judge}.
 *
 * <pre>
 *   GeneratorMonitor monitor = GeneratorMonitor.start();
 *   monitor.sent(); monitor.arrived();              // from Gatling's threads
 *   monitor.probed(latenessMillis);                 // from the probe user
 *   GeneratorRecord record = monitor.stop(plannedArrivals);
 * </pre>
 */
public final class GeneratorMonitor {

    private final long startNanos = System.nanoTime();
    private final LongAdder sent = new LongAdder();
    private final LongAdder arrived = new LongAdder();
    private final AtomicLong gcMillis = new AtomicLong();
    private final AtomicLong longestGcMillis = new AtomicLong();
    private final Map<GeneratorError, LongAdder> errors = new EnumMap<>(GeneratorError.class);
    private final List<GeneratorRecord.Second> seconds = new ArrayList<>();
    private final ConcurrentLinkedQueue<GeneratorRecord.Probe> probes = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService scheduler = DaemonScheduler.create("aftershock-generator");
    private final NotificationListener gcListener = this::gcEnded;
    private final List<NotificationEmitter> gcEmitters = new ArrayList<>();
    private final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private volatile boolean stopped;

    private GeneratorMonitor() {
        for (GeneratorError error : GeneratorError.values()) {
            errors.put(error, new LongAdder());
        }
    }

    /** Starts watching now: second 0 is the start of load. */
    public static GeneratorMonitor start() {
        GeneratorMonitor monitor = new GeneratorMonitor();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(monitor.gcListener, null, null);
                monitor.gcEmitters.add(emitter);
            }
        }
        monitor.os.getProcessCpuLoad();   // the first reading is meaningless: take it now
        monitor.scheduler.scheduleAtFixedRate(monitor::sample, 1, 1, TimeUnit.SECONDS);
        return monitor;
    }

    /** A request is being sent. */
    public void sent() {
        sent.increment();
    }

    /** A virtual user sends its first request. */
    public void arrived() {
        arrived.increment();
    }

    /** A request failed on the generator's side: counted here, never as the target's error. */
    public void failed(GeneratorError cause) {
        errors.get(cause).increment();
    }

    /** The scheduler probe woke {@code latenessMillis} later than it asked. */
    public void probed(long latenessMillis) {
        probes.add(new GeneratorRecord.Probe(millisSinceStart(), Math.max(0, latenessMillis)));
    }

    /** False once the load is over: the probe user stops. */
    public boolean watching() {
        return !stopped;
    }

    /**
     * Stops watching, samples the last partial second and returns everything recorded; {@code plannedArrivals} is
     * the injection's plan per second, or null for a profile without an arrival rate. Safe to call twice.
     */
    public synchronized GeneratorRecord stop(List<Double> plannedArrivals) {
        return stop(plannedArrivals, Duration.ZERO);
    }

    /** The same, for a run whose first {@code warmUp} is never judged. */
    public synchronized GeneratorRecord stop(List<Double> plannedArrivals, Duration warmUp) {
        if (!stopped) {
            stopped = true;
            DaemonScheduler.stop(scheduler);
            for (NotificationEmitter emitter : gcEmitters) {
                try {
                    emitter.removeNotificationListener(gcListener);
                } catch (ListenerNotFoundException ignored) {
                    // Already removed.
                }
            }
            sample();
        }
        Map<GeneratorError, Long> counted = new EnumMap<>(GeneratorError.class);
        errors.forEach((cause, count) -> {
            if (count.sum() > 0) {
                counted.put(cause, count.sum());
            }
        });
        return new GeneratorRecord(seconds, new ArrayList<>(probes), plannedArrivals, counted, warmUp);
    }

    /**
     * Never throws: a scheduled task that throws is never run again. The JVM counts descriptors by opening
     * /proc/self/fd, which fails when none is free: that reading is then the limit itself.
     */
    private synchronized void sample() {
        long descriptors = -1;
        long limit = -1;
        if (os instanceof UnixOperatingSystemMXBean unix) {
            try {
                limit = unix.getMaxFileDescriptorCount();
                descriptors = unix.getOpenFileDescriptorCount();
            } catch (RuntimeException | InternalError e) {
                descriptors = limit;
            }
        }
        double cpu;
        try {
            cpu = os.getProcessCpuLoad();
        } catch (RuntimeException | InternalError e) {
            cpu = -1;
        }
        seconds.add(new GeneratorRecord.Second(seconds.size(), sent.sumThenReset(), arrived.sumThenReset(),
                gcMillis.getAndSet(0), longestGcMillis.getAndSet(0), cpu < 0 ? Double.NaN : cpu * 100,
                descriptors, limit));
    }

    private void gcEnded(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        // Concurrent cycles (G1 Concurrent GC, ZGC Cycles) run beside the application: only pauses stop the generator.
        if (info.getGcName().contains("Concurrent") || info.getGcName().contains("Cycles")) {
            return;
        }
        long millis = info.getGcInfo().getDuration();
        gcMillis.addAndGet(millis);
        longestGcMillis.accumulateAndGet(millis, Math::max);
    }

    private long millisSinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
