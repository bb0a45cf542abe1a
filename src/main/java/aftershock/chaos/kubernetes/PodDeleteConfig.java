package aftershock.chaos.kubernetes;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * What a {@link PodDelete} kills and how long its restore() waits for the controller.
 *
 * @param namespace     where the pods live; must be on the {@link NamespaceAllowlist}
 * @param labelSelector as for {@code kubectl -l}, for example "app=redis" or "app=web,tier=front"
 * @param victims       which of the matching pods to kill
 * @param expectedReady how many Ready pods restore() waits for; empty means as many as were Ready before the kill
 * @param readyTimeout  how long restore() waits for them
 * @param volumeClaims  whether each victim's PersistentVolumeClaims are deleted with it, so that it comes back empty
 */
public record PodDeleteConfig(String namespace, String labelSelector, Victims victims, OptionalInt expectedReady,
                              Duration readyTimeout, boolean volumeClaims) {

    /** Kill one pod (first by name), keeping its volumes; wait up to 2 minutes for as many Ready pods as before. */
    public static PodDeleteConfig of(String namespace, String labelSelector) {
        return new PodDeleteConfig(namespace, labelSelector, Victims.one(), OptionalInt.empty(), Duration.ofMinutes(2),
                false);
    }

    /** The same, also deleting the PersistentVolumeClaims each victim mounts (a pod without them keeps nothing). */
    public PodDeleteConfig withVolumeClaims() {
        return new PodDeleteConfig(namespace, labelSelector, victims, expectedReady, readyTimeout, true);
    }

    /** The same, killing these victims. */
    public PodDeleteConfig withVictims(Victims victims) {
        return new PodDeleteConfig(namespace, labelSelector, victims, expectedReady, readyTimeout, volumeClaims);
    }

    /** The same, waiting for exactly this many Ready pods rather than the count found before the kill. */
    public PodDeleteConfig withExpectedReady(int expectedReady) {
        return new PodDeleteConfig(namespace, labelSelector, victims, OptionalInt.of(expectedReady), readyTimeout, volumeClaims);
    }

    /** The same, waiting at most this long in restore(). */
    public PodDeleteConfig withReadyTimeout(Duration readyTimeout) {
        return new PodDeleteConfig(namespace, labelSelector, victims, expectedReady, readyTimeout, volumeClaims);
    }
}
