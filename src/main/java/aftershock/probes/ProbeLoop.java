package aftershock.probes;

import aftershock.threads.DaemonScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe every {@code interval} (100 ms by default: krkn polls every 2 s) on its own thread and keeps
 * every sample. A probe slower than the interval delays the next one rather than piling up.
 */
public final class ProbeLoop implements AutoCloseable {

    private final Probe probe;
    private final Clock clock;
    private final List<ProbeSample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = DaemonScheduler.create("aftershock-probe");

    private ProbeLoop(Probe probe, Clock clock) {
        this.probe = probe;
        this.clock = clock;
    }

    public static ProbeLoop start(Probe probe, Duration interval, Clock clock) {
        ProbeLoop loop = new ProbeLoop(probe, clock);
        loop.scheduler.scheduleWithFixedDelay(loop::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return loop;
    }

    /** Stamped when the answer came: an OK probe shows the system healthy at that moment, not when it was asked. */
    private void sample() {
        boolean ok = probe.check();
        samples.add(new ProbeSample(clock.instant(), ok));
    }

    public Probe probe() {
        return probe;
    }

    /** Every sample so far, oldest first. */
    public List<ProbeSample> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        DaemonScheduler.stop(scheduler);
    }
}
