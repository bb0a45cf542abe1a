package aftershock.chaos.kubernetes;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.chaos.RestoreRecipe;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.readiness.Readiness;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reproduces {@code kubectl delete pod -n <namespace> -l <selector> --grace-period=0}, then waits for the controller;
 * with {@link PodDeleteConfig#withVolumeClaims()}, {@code kubectl delete pvc -n <namespace> <claims> --wait=false} first.
 *
 * <p>Used as "pod-kill" (service pods), "redis-kill" (the Redis pod; a StatefulSet pod keeps its volume) and
 * "redis-replace" (the Redis pod and its claims, so it comes back empty). restore() cannot undo a deletion; it waits,
 * bounded, until the owning workload has the expected number of Ready pods again, none of them a deleted one,
 * and records when in {@link #recovery()}.
 *
 * <pre>
 *   PodDelete podKill = new PodDelete("pod-kill", client, allowlist,
 *           PodDeleteConfig.of("staging", "app=web").withVictims(Victims.oneAtRandom(42)));
 *   podKill.inject();
 *   podKill.restore();                                      // blocks until Ready again
 *   podKill.recovery().get().replacementTime();            // PT4.2S
 * </pre>
 */
public final class PodDelete implements Fault {

    private final String name;
    private final KubernetesClient client;
    private final NamespaceAllowlist allowlist;
    private final PodDeleteConfig config;
    private final Clock clock;
    private final ReadyPods readyPods;

    // inject() and restore() hold the lock for their whole run (restore() can wait minutes); what others read
    // while they run, such as isActive() from the shutdown hook, is volatile so it never waits for them.
    private volatile boolean active;
    private volatile List<String> deletedNames = List.of();
    private volatile List<String> deletedClaims = List.of();
    private volatile PodReplacement recovery;
    private volatile int expectedReady;
    private Instant deletedAt;
    private final Set<String> deletedUids = ConcurrentHashMap.newKeySet();
    private volatile Instant firstReadyAgainAt;
    private volatile List<String> replacements = List.of();

    /**
     * A pod delete named {@code name} ("pod-kill", "redis-kill").
     *
     * @throws FaultException at once when the namespace is not on the allowlist
     */
    public PodDelete(String name, KubernetesClient client, NamespaceAllowlist allowlist, PodDeleteConfig config) {
        this(name, client, allowlist, config, Clock.systemUTC());
    }

    /** As above, reading time from this clock. */
    public PodDelete(String name, KubernetesClient client, NamespaceAllowlist allowlist, PodDeleteConfig config,
                     Clock clock) {
        allowlist.check(config.namespace());
        this.name = name;
        this.client = client;
        this.allowlist = allowlist;
        this.config = config;
        this.clock = clock;
        this.readyPods = new ReadyPods(client, clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        String expected = config.expectedReady().isPresent()
                ? String.valueOf(config.expectedReady().getAsInt()) : "as many as before";
        return "delete " + config.victims().describe() + " matching " + config.labelSelector() + " in namespace '"
                + config.namespace() + "' with grace period 0, then wait up to " + ReadyPods.readable(config.readyTimeout())
                + " for " + expected + " Ready" + (config.volumeClaims() ? ", deleting its PersistentVolumeClaims first" : "");
    }

    @Override
    public synchronized void inject() {
        if (active) {
            throw new FaultException(name + " is already injected (" + deletedNames + " deleted): restore() it "
                    + "before injecting again");
        }
        allowlist.check(config.namespace());
        List<Pod> matching = readyPods.matching(config.namespace(), config.labelSelector());
        if (matching.isEmpty()) {
            throw new FaultException(name + ": no pods match selector '" + config.labelSelector() + "' in namespace '"
                    + config.namespace() + "', nothing to kill: check it with kubectl get pods -n "
                    + config.namespace() + " -l " + config.labelSelector());
        }
        expectedReady = config.expectedReady().orElse((int) matching.stream().filter(Readiness::isPodReady).count());
        deletedNames = List.of();
        deletedClaims = List.of();
        deletedUids.clear();
        recovery = null;
        firstReadyAgainAt = null;
        replacements = List.of();
        List<Pod> victims = config.victims().pick(matching);
        if (victims.isEmpty()) {
            throw new FaultException(name + ": none of the " + matching.size() + " pod(s) matching selector '"
                    + config.labelSelector() + "' in namespace '" + config.namespace() + "' is "
                    + config.victims().describe() + ": was it replaced since the run was planned? check it with "
                    + "kubectl get pods -n " + config.namespace() + " -l " + config.labelSelector());
        }
        deletedAt = clock.instant();
        for (Pod victim : victims) {
            delete(victim);
        }
    }

    private void delete(Pod victim) {
        String podName = victim.getMetadata().getName();
        if (config.volumeClaims()) {
            deleteClaims(victim);
        }
        try {
            client.pods().inNamespace(config.namespace()).withName(podName).withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            throw new FaultException(name + ": could not delete pod " + podName + " in namespace '"
                    + config.namespace() + "' (" + deletedNames.size() + " deleted before it): " + e.getMessage()
                    + "; does the service account have 'delete' on pods there?", e);
        }
        // Active as soon as one pod is gone, so a failure half-way is still restored.
        active = true;
        List<String> names = new ArrayList<>(deletedNames);
        names.add(podName);
        deletedNames = List.copyOf(names);
        deletedUids.add(victim.getMetadata().getUid());
    }

    // The claim stays Terminating until its pod is gone (pvc-protection); the controller then makes a new, empty one.
    private void deleteClaims(Pod victim) {
        List<String> claims = victim.getSpec() == null || victim.getSpec().getVolumes() == null ? List.of()
                : victim.getSpec().getVolumes().stream()
                        .filter(volume -> volume.getPersistentVolumeClaim() != null)
                        .map(volume -> volume.getPersistentVolumeClaim().getClaimName())
                        .toList();
        for (String claim : claims) {
            try {
                client.persistentVolumeClaims().inNamespace(config.namespace()).withName(claim).delete();
            } catch (KubernetesClientException e) {
                throw new FaultException(name + ": could not delete PersistentVolumeClaim " + claim + " of pod "
                        + victim.getMetadata().getName() + " in namespace '" + config.namespace() + "': "
                        + e.getMessage() + "; does the service account have 'delete' on persistentvolumeclaims there?", e);
            }
            List<String> deleted = new ArrayList<>(deletedClaims);
            deleted.add(claim);
            deletedClaims = List.copyOf(deleted);
        }
    }

    /** Waits for the controller to bring the Ready pods back; does nothing when not injected. */
    @Override
    public synchronized void restore() {
        if (!active) {
            return;
        }
        Instant awaited = readyPods.await(config.namespace(), config.labelSelector(), expectedReady,
                deletedUids, config.readyTimeout());
        // The watch may have seen the replacements Ready before restore() was asked: the earlier sight counts.
        Instant seen = firstReadyAgainAt;
        Instant readyAgainAt = seen != null && seen.isBefore(awaited) ? seen : awaited;
        recovery = new PodReplacement(deletedNames, deletedAt, readyAgainAt);
        active = false;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    /**
     * Observed once no pod carries a deleted UID any more ({@code kubectl get pods -o
     * custom-columns=NAME:.metadata.name,UID:.metadata.uid}); the component is back when the expected number of
     * Ready pods, none of them a deleted one, was first seen, here or by restore().
     */
    @Override
    public FaultEvidence evidence() {
        Set<String> uids = Set.copyOf(deletedUids);
        if (uids.isEmpty()) {
            return FaultEvidence.notObserved("no pod was deleted");
        }
        List<Pod> now;
        try {
            now = readyPods.matching(config.namespace(), config.labelSelector());
        } catch (KubernetesClientException e) {
            return FaultEvidence.pending("could not list pods " + config.labelSelector() + ": " + e.getMessage());
        }
        List<String> remaining = now.stream()
                .filter(pod -> uids.contains(pod.getMetadata().getUid()) && pod.getMetadata().getDeletionTimestamp() == null)
                .map(pod -> pod.getMetadata().getName()).toList();
        if (!remaining.isEmpty()) {
            return FaultEvidence.pending("pod(s) " + remaining + " still carry the UID they had before the delete");
        }
        FaultEvidence gone = FaultEvidence.observed("pod(s) " + deletedNames + " deleted, their UID(s) gone");
        List<Pod> ready = readyPods.usable(config.namespace(), config.labelSelector(), uids);
        if (firstReadyAgainAt == null && ready.size() >= expectedReady) {
            firstReadyAgainAt = clock.instant();
            replacements = ready.stream().map(pod -> pod.getMetadata().getName() + " (uid " + pod.getMetadata().getUid() + ")")
                    .toList();
        }
        PodReplacement replaced = recovery;
        Instant back = replaced != null ? replaced.readyAgainAt() : firstReadyAgainAt;
        return back == null ? gone : gone.recoveredAt(back, expectedReady + " Ready without them: " + replacements);
    }

    /** When the last injection deleted its pods and when the replacements were Ready; empty until restored. */
    public Optional<PodReplacement> recovery() {
        return Optional.ofNullable(recovery);
    }

    /** Names of the PersistentVolumeClaims the last injection deleted (only with {@link PodDeleteConfig#withVolumeClaims()}). */
    public List<String> deletedClaims() {
        return deletedClaims;
    }

    /** Names of the pods the last injection deleted. */
    public List<String> deletedPods() {
        return deletedNames;
    }

    /** What a later run must wait for if this one dies before restore(); counts Ready pods if not yet injected. */
    public synchronized RestoreRecipe restoreRecipe() {
        int expected = active ? expectedReady : config.expectedReady()
                .orElseGet(() -> readyPods.countReady(config.namespace(), config.labelSelector()));
        return new RestoreRecipe.WaitForPods(config.namespace(), config.labelSelector(), expected);
    }
}
