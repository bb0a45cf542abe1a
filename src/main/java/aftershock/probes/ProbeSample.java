package aftershock.probes;

import java.time.Instant;

/** The outcome of one probe at one instant. */
public record ProbeSample(Instant at, boolean ok) {
}
