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
 */
public record PodDeleteConfig(String namespace, String labelSelector, Victims victims, OptionalInt expectedReady,
                              Duration readyTimeout) {

    /** Kill one pod (first by name); wait up to 2 minutes for as many Ready pods as before. */
    public static PodDeleteConfig of(String namespace, String labelSelector) {
        return new PodDeleteConfig(namespace, labelSelector, Victims.one(), OptionalInt.empty(), Duration.ofMinutes(2));
    }

    /** The same, killing these victims. */
    public PodDeleteConfig withVictims(Victims victims) {
        return new PodDeleteConfig(namespace, labelSelector, victims, expectedReady, readyTimeout);
    }

    /** The same, waiting for exactly this many Ready pods rather than the count found before the kill. */
    public PodDeleteConfig withExpectedReady(int expectedReady) {
        return new PodDeleteConfig(namespace, labelSelector, victims, OptionalInt.of(expectedReady), readyTimeout);
    }

    /** The same, waiting at most this long in restore(). */
    public PodDeleteConfig withReadyTimeout(Duration readyTimeout) {
        return new PodDeleteConfig(namespace, labelSelector, victims, expectedReady, readyTimeout);
    }
}
