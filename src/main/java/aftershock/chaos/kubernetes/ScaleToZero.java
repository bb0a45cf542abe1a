package aftershock.chaos.kubernetes;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.chaos.RestoreRecipe;
import aftershock.waiting.Wait;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reproduces {@code kubectl scale statefulset/redis --replicas=0 -n <namespace>} through the /scale subresource and
 * waits until no pod matches the selector, so that the outage is really held (a deleted pod is replaced at once);
 * restore() scales back to the replicas it had and waits until they are Ready.
 *
 * <pre>
 *   ScaleToZero redisDown = new ScaleToZero("redis-kill", client, allowlist, "staging", "statefulset/redis",
 *           "app=redis", Duration.ofSeconds(120));
 *   redisDown.inject();    // 1 -&gt; 0, returns once the last redis pod is gone
 *   redisDown.restore();   // 0 -&gt; 1, returns once it is Ready
 * </pre>
 */
public final class ScaleToZero implements Fault {

    private final String name;
    private final KubernetesClient client;
    private final NamespaceAllowlist allowlist;
    private final String namespace;
    private final String kind;
    private final String workload;
    private final String podSelector;
    private final Duration timeout;
    private final Clock clock;
    private final ReadyPods readyPods;

    private volatile int replicasBefore = -1;
    private volatile boolean active;
    private volatile Instant scaledDownAt;
    private volatile Instant podsGoneAt;
    private volatile Instant scaledUpAt;
    private volatile Instant readyAgainAt;

    /**
     * @param workload    "statefulset/NAME" or "deployment/NAME"
     * @param podSelector the labels of the workload's pods, to see them gone and Ready again
     * @throws FaultException at once when the namespace is not on the allowlist or the workload is malformed
     */
    public ScaleToZero(String name, KubernetesClient client, NamespaceAllowlist allowlist, String namespace,
                       String workload, String podSelector, Duration timeout) {
        allowlist.check(namespace);
        String[] parts = workload.trim().split("/", 2);
        String workloadKind = parts[0].toLowerCase(Locale.ROOT);
        if (parts.length != 2 || parts[1].isBlank() || !Set.of("statefulset", "deployment").contains(workloadKind)) {
            throw new FaultException("aftershock.kubernetes.redis-workload is '" + workload + "': expected "
                    + "statefulset/NAME or deployment/NAME (see kubectl get statefulsets,deployments -n " + namespace + ")");
        }
        this.name = name;
        this.client = client;
        this.allowlist = allowlist;
        this.namespace = namespace;
        this.kind = workloadKind;
        this.workload = parts[1].trim();
        this.podSelector = podSelector;
        this.timeout = timeout;
        this.clock = Clock.systemUTC();
        this.readyPods = new ReadyPods(client, clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "kubectl scale " + kind + "/" + workload + " --replicas=0 -n " + namespace + ", held, then back";
    }

    @Override
    public synchronized void inject() {
        allowlist.check(namespace);
        int replicas;
        try {
            Integer current = resource().scale().getSpec().getReplicas();
            replicas = current == null ? 0 : current;
        } catch (KubernetesClientException | NullPointerException e) {
            throw new FaultException(name + ": cannot read the scale of " + kind + "/" + workload + " in namespace '"
                    + namespace + "': " + e.getMessage() + "; check aftershock.kubernetes.redis-workload and "
                    + "kubectl get " + kind + " " + workload + " -n " + namespace, e);
        }
        if (replicas == 0) {
            throw new FaultException(name + ": " + kind + "/" + workload + " already has 0 replicas: nothing to take "
                    + "down; scale it up first (kubectl scale " + kind + "/" + workload + " --replicas=1 -n " + namespace + ")");
        }
        replicasBefore = replicas;
        podsGoneAt = null;
        scaledUpAt = null;
        readyAgainAt = null;
        scaledDownAt = clock.instant();
        resource().scale(0);
        active = true;
        podsGoneAt = awaitNoPods();
    }

    @Override
    public synchronized void restore() {
        if (!active) {
            return;
        }
        scaledUpAt = clock.instant();
        resource().scale(replicasBefore);
        active = false;
        readyAgainAt = readyPods.await(namespace, podSelector, replicasBefore, Set.of(), timeout);
    }

    @Override
    public boolean isActive() {
        return active;
    }

    /** Observed once no pod of the workload was left; the component is back when its pods were Ready again. */
    @Override
    public FaultEvidence evidence() {
        Instant down = scaledDownAt;
        if (down == null) {
            return FaultEvidence.notObserved(kind + "/" + workload + " was not scaled down");
        }
        Instant gone = podsGoneAt;
        if (gone == null) {
            return FaultEvidence.notObserved(kind + "/" + workload + " scaled to 0, but its pods " + podSelector
                    + " were still there");
        }
        String held = scaledUpAt == null ? "still held"
                : String.format(Locale.ROOT, "outage held %.1f s (no pod from %.1f s after the scale-down until the scale-up)",
                        Duration.between(gone, scaledUpAt).toMillis() / 1000.0, Duration.between(down, gone).toMillis() / 1000.0);
        FaultEvidence evidence = FaultEvidence.observed(kind + "/" + workload + " scaled " + replicasBefore + " -> 0, " + held);
        Instant ready = readyAgainAt;
        return ready == null ? evidence : evidence.recoveredAt(ready, replicasBefore + " pod(s) " + podSelector + " Ready again");
    }

    /** What a later run must do if this one dies while Redis is scaled down. */
    public RestoreRecipe restoreRecipe() {
        int replicas = replicasBefore > 0 ? replicasBefore : currentReplicas();
        return new RestoreRecipe.ScaleWorkload(namespace, kind, workload, replicas);
    }

    private int currentReplicas() {
        try {
            Integer current = resource().scale().getSpec().getReplicas();
            return current == null ? 1 : current;
        } catch (KubernetesClientException | NullPointerException e) {
            return 1;
        }
    }

    /** As {@code kubectl wait --for=delete pod -l <selector>}: polls, so no missed watch event can stall it. */
    private Instant awaitNoPods() {
        Wait.Outcome<List<Pod>> outcome = Wait.forValue("pods " + podSelector + " in namespace '" + namespace + "' to go",
                        () -> readyPods.matching(namespace, podSelector), List::isEmpty)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .awaitOutcome();
        if (!outcome.met()) {
            throw new FaultException(name + ": " + kind + "/" + workload + " was scaled to 0, but pods " + podSelector
                    + " were still there after " + ReadyPods.readable(timeout) + " (" + outcome.last().size()
                    + " left): check kubectl get pods -n " + namespace + " -l " + podSelector);
        }
        return clock.instant();
    }

    private Resource<?> resource() {
        return kind.equals("statefulset")
                ? client.apps().statefulSets().inNamespace(namespace).withName(workload)
                : client.apps().deployments().inNamespace(namespace).withName(workload);
    }
}
