package aftershock.recording;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Closes one interval of a {@link Recording} every second, on its own daemon thread. */
public final class Ticker implements AutoCloseable {

    private final Recording recording;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "aftershock-ticker");
        thread.setDaemon(true);
        return thread;
    });

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
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recording.tick();
    }
}
