package aftershock.chaos.kubernetes;

import aftershock.chaos.FaultException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waits until enough pods matching a selector are Ready, as {@code kubectl wait --for=condition=Ready pod -l ...} does.
 *
 * <pre>
 *   Instant readyAt = new ReadyPods(client, Clock.systemUTC())
 *           .await("staging", "app=redis", 1, Set.of(deletedUid), Duration.ofSeconds(60));
 * </pre>
 */
public final class ReadyPods {

    private final KubernetesClient client;
    private final Clock clock;

    public ReadyPods(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Pods matching the selector now, sorted by name. */
    public List<Pod> matching(String namespace, String labelSelector) {
        return client.pods().inNamespace(namespace).withLabelSelector(labelSelector).list().getItems().stream()
                .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
                .toList();
    }

    /** How many pods matching the selector are Ready now. */
    public int countReady(String namespace, String labelSelector) {
        return (int) matching(namespace, labelSelector).stream().filter(Readiness::isPodReady).count();
    }

    /**
     * Blocks until at least {@code expectedReady} pods match the selector, are Ready, are not being deleted,
     * and none has a UID in {@code excludedUids}; returns when that was first observed.
     *
     * @throws FaultException when the timeout passes first, saying what was awaited and what was found
     */
    public Instant await(String namespace, String labelSelector, int expectedReady, Set<String> excludedUids,
                         Duration timeout) {
        AtomicReference<Instant> readyAt = new AtomicReference<>();
        CompletableFuture<List<Pod>> reached = client.pods().inNamespace(namespace)
                .withLabelSelector(labelSelector)
                .informOnCondition(pods -> {
                    boolean enough = countUsable(pods, excludedUids) >= expectedReady;
                    if (enough) {
                        readyAt.compareAndSet(null, clock.instant());
                    }
                    return enough;
                });
        try {
            reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return readyAt.get();
        } catch (TimeoutException e) {
            reached.cancel(true);
            throw new FaultException(timeoutMessage(namespace, labelSelector, expectedReady, excludedUids, timeout));
        } catch (InterruptedException e) {
            reached.cancel(true);
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted while waiting for " + expectedReady + " Ready pod(s) "
                    + labelSelector + " in namespace '" + namespace + "'", e);
        } catch (ExecutionException e) {
            throw new FaultException("could not watch pods " + labelSelector + " in namespace '" + namespace
                    + "': " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Pods matching the selector now that are Ready, not being deleted, and none of {@code excludedUids}. */
    List<Pod> usable(String namespace, String labelSelector, Set<String> excludedUids) {
        return matching(namespace, labelSelector).stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(pod -> !excludedUids.contains(pod.getMetadata().getUid()))
                .filter(Readiness::isPodReady)
                .toList();
    }

    private static long countUsable(List<Pod> pods, Set<String> excludedUids) {
        return pods.stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(pod -> !excludedUids.contains(pod.getMetadata().getUid()))
                .filter(Readiness::isPodReady)
                .count();
    }

    static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private String timeoutMessage(String namespace, String labelSelector, int expectedReady, Set<String> excludedUids,
                                  Duration timeout) {
        List<Pod> now = matching(namespace, labelSelector);
        long ready = countUsable(now, excludedUids);
        return "pods " + labelSelector + " in namespace '" + namespace + "' did not get back to " + expectedReady
                + " Ready within " + readable(timeout) + " (found " + now.size() + " pod(s), " + ready
                + " Ready): is the Deployment/StatefulSet still scaled up and able to schedule? "
                + "check: kubectl get pods -n " + namespace + " -l " + labelSelector;
    }
}
