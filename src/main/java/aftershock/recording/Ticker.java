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
        Ticker ticker = new Ticker(recording);
        recording.start();
        ticker.scheduler.scheduleAtFixedRate(recording::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return ticker;
    }

    /** Stops ticking and closes the last, partial interval. */
    @Override
    public void close() {
        DaemonScheduler.stop(scheduler);
        recording.tick();
    }
}
