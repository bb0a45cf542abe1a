package aftershock.client;

import aftershock.threads.DaemonScheduler;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bearer token the load uses, logged in once before the load and renewed in the background,
 * so a long run never sends an expired token.
 */
public final class AccessToken implements AutoCloseable {

    private final Supplier<String> login;
    private volatile String current;
    private final ScheduledExecutorService renewer = DaemonScheduler.create("aftershock-token");

    public AccessToken(String first, Supplier<String> login, Duration renewEvery) {
        this.current = first;
        this.login = login;
        renewer.scheduleWithFixedDelay(this::renew, renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String value() {
        return current;
    }

    private void renew() {
        try {
            current = login.get();
        } catch (RuntimeException e) {
            // The target may be mid-fault; keep the old token and try again next time.
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
