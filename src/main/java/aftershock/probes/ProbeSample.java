package aftershock.probes;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one probe: when it was sent, when its answer (or its failure) came, and whether it was OK.
 * Downtime and recovery are read from send times: a probe sent at 12.0 s and answered OK shows the system
 * healthy when it was asked, and one that hung for its whole timeout shows it down since it was sent.
 */
public record ProbeSample(Instant sentAt, Instant answeredAt, boolean ok) {

    /** A sample answered at once, for tests and instant checks. */
    public ProbeSample(Instant sentAt, boolean ok) {
        this(sentAt, sentAt, ok);
    }

    /** How long the probe waited for its answer. */
    public Duration latency() {
        return Duration.between(sentAt, answeredAt);
    }
}
