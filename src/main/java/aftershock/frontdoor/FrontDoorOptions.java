package aftershock.frontdoor;

import java.time.Duration;

/**
 * How the front door checks and routes.
 *
 * @param checkInterval       how often each replica's readiness path is checked
 * @param checkTimeout        how long a readiness check may take before it counts as failed
 * @param readyPath           the replicas' readiness path, for example "/ready"
 * @param deregistrationDelay how long a failing replica stays in rotation (zero: out at the first failure)
 * @param retryOnRefused      whether a request whose connection was refused is sent once to another replica
 */
public record FrontDoorOptions(Duration checkInterval, Duration checkTimeout, String readyPath,
                               Duration deregistrationDelay, boolean retryOnRefused) {

    public FrontDoorOptions {
        if (checkInterval.isZero() || checkInterval.isNegative()) {
            throw new IllegalArgumentException("front door check interval must be positive, was " + checkInterval);
        }
        if (checkTimeout.isZero() || checkTimeout.isNegative()) {
            throw new IllegalArgumentException("front door check timeout must be positive, was " + checkTimeout);
        }
        if (!readyPath.startsWith("/")) {
            throw new IllegalArgumentException("front door ready path must start with '/', was '" + readyPath + "'");
        }
    }

    /** Checks /ready every 250 ms with a 500 ms timeout, deregisters at once, no retries. */
    public static FrontDoorOptions defaults() {
        return new FrontDoorOptions(Duration.ofMillis(250), Duration.ofMillis(500), "/ready", Duration.ZERO, false);
    }

    public FrontDoorOptions withCheckInterval(Duration interval) {
        return new FrontDoorOptions(interval, checkTimeout, readyPath, deregistrationDelay, retryOnRefused);
    }

    public FrontDoorOptions withCheckTimeout(Duration timeout) {
        return new FrontDoorOptions(checkInterval, timeout, readyPath, deregistrationDelay, retryOnRefused);
    }

    public FrontDoorOptions withDeregistrationDelay(Duration delay) {
        return new FrontDoorOptions(checkInterval, checkTimeout, readyPath, delay, retryOnRefused);
    }

    public FrontDoorOptions withRetryOnRefused(boolean retry) {
        return new FrontDoorOptions(checkInterval, checkTimeout, readyPath, deregistrationDelay, retry);
    }
}
