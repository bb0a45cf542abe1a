package aftershock.recording;

import aftershock.threads.DaemonScheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Closes one interval of a {@link Recording} every second, on its own daemon thread. */
public final class Ticker implements AutoCloseable {

    private final Recording recording;
    private final ScheduledExecutorService scheduler = DaemonScheduler.create("aftershock-ticker");

    private Ticker(Recording recording) {
        this.recording = recording;
    }

    /** Starts the recording now and ticks every {@code interval}. */
    public static Ticker start(Recording recording, Duration interval) {
        return start(recording, interval, Duration.ZERO);
    }

    /**
     * Starts the recording now with a warm-up of {@code warmUp} and ticks every {@code interval}, so that one tick
     * falls on the end of the warm-up: no interval holds both warm-up and judged requests.
     */
    public static Ticker start(Recording recording, Duration interval, Duration warmUp) {
        Ticker ticker = new Ticker(recording);
        recording.start(warmUp);
        long intervalMillis = interval.toMillis();
        long firstMillis = warmUp.toMillis() % intervalMillis == 0 ? intervalMillis : warmUp.toMillis() % intervalMillis;
        ticker.scheduler.scheduleAtFixedRate(recording::tick, firstMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return ticker;
    }

    /** Stops ticking and closes the last, partial interval. */
    @Override
    public void close() {
        DaemonScheduler.stop(scheduler);
        recording.tick();
    }
}
