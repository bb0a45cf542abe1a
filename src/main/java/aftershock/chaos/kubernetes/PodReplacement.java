package aftershock.chaos.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When pods were deleted and when the expected number of Ready replacements was back.
 *
 * @param deletedPods  names of the pods that were deleted
 * @param deletedAt    just before the first delete call
 * @param readyAgainAt when the expected Ready count, without any deleted pod, was first observed
 */
public record PodReplacement(List<String> deletedPods, Instant deletedAt, Instant readyAgainAt) {

    public PodReplacement {
        deletedPods = List.copyOf(deletedPods);
    }

    /** How long the controller took to bring Ready replacements: the pod replacement time. */
    public Duration replacementTime() {
        return Duration.between(deletedAt, readyAgainAt);
    }
}
