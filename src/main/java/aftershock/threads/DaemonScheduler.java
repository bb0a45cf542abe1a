package aftershock.threads;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread each background loop of a run (probes, ticker, token renewal) schedules its work on.
 *
 * <pre>
 *   ScheduledExecutorService scheduler = DaemonScheduler.create("aftershock-probe");
 *   scheduler.scheduleWithFixedDelay(...);
 *   DaemonScheduler.stop(scheduler);   // interrupts it and waits up to 2 s for the task under way
 * </pre>
 */
public final class DaemonScheduler {

    private DaemonScheduler() {
    }

    /** A single-thread scheduler whose thread is a daemon named {@code threadName}. */
    public static ScheduledExecutorService create(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops it now and waits up to 2 s for the task under way to finish. */
    public static void stop(ScheduledExecutorService scheduler) {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
