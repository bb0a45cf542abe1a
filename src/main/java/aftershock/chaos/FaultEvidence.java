package aftershock.chaos;

import java.time.Instant;
import java.util.Optional;

/**
 * What the faulted component itself shows of a fault, kept apart from what users saw through the probes:
 * the PID is gone, the pod's UID changed, Sentinel names another master. Without it a run cannot tell a
 * resilient system from a fault that never happened.
 *
 * <pre>
 *   FaultEvidence.observed("pid 4242 gone").recoveredAt(restartedAt, "pid 4300 healthy");
 *   FaultEvidence.pending("Sentinel still names 127.0.0.1:6379 master");
 *   FaultEvidence.notObserved("pid 4242 still alive 5 s after SIGKILL");
 * </pre>
 *
 * @param status               whether the effect was seen yet
 * @param description          what was seen, or what is missing, in one line
 * @param componentRecoveredAt when the component itself was back (replica healthy again, replacement pod Ready,
 *                             new master elected); null while unknown
 */
public record FaultEvidence(Status status, String description, Instant componentRecoveredAt) {

    /** Whether the fault's effect on the component was seen. */
    public enum Status {
        /** Not seen yet; may still come (a failover in progress). At the end of a watch, it counts as not observed. */
        PENDING,
        /** Seen. */
        OBSERVED,
        /** Looked for and not there, for good: waiting longer will not change it. */
        NOT_OBSERVED
    }

    public static FaultEvidence observed(String description) {
        return new FaultEvidence(Status.OBSERVED, description, null);
    }

    public static FaultEvidence pending(String description) {
        return new FaultEvidence(Status.PENDING, description, null);
    }

    public static FaultEvidence notObserved(String description) {
        return new FaultEvidence(Status.NOT_OBSERVED, description, null);
    }

    /** The same evidence, with the component back at {@code at}; {@code how} is added to the description. */
    public FaultEvidence recoveredAt(Instant at, String how) {
        return new FaultEvidence(status, description + "; " + how, at);
    }

    public boolean isObserved() {
        return status == Status.OBSERVED;
    }

    public Optional<Instant> componentRecovery() {
        return Optional.ofNullable(componentRecoveredAt);
    }
}
