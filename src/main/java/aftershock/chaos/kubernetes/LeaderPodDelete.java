package aftershock.chaos.kubernetes;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.chaos.RestoreRecipe;
import aftershock.probes.JobRun;
import aftershock.probes.JobRuns;
import aftershock.probes.LeaderHolder;
import aftershock.probes.Leadership;
import aftershock.probes.Probe;
import aftershock.probes.Probes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Optional;

/**
 * "leader-kill" on Kubernetes: reproduces {@code kubectl delete pod -n <namespace> $(kubectl get lease <name> -o
 * jsonpath='{.spec.holderIdentity}') --grace-period=0}, for a holder that is one of the service's pods (the
 * selector). Recovered once another holder runs the leader job; restore waits for the controller's replacement.
 */
public final class LeaderPodDelete implements Fault {

    private final KubernetesClient client;
    private final NamespaceAllowlist allowlist;
    private final PodDeleteConfig service;
    private final LeaderHolder holder;
    private final JobRuns runs;
    private volatile PodDelete delete;
    private volatile String victim;
    private volatile Instant deletedAt;

    /** Deletes the holder's pod among those {@code service} selects. */
    public LeaderPodDelete(KubernetesClient client, NamespaceAllowlist allowlist, PodDeleteConfig service, LeaderHolder holder,
                           JobRuns runs) {
        this.client = client;
        this.allowlist = allowlist;
        this.service = service;
        this.holder = holder;
        this.runs = runs;
    }

    @Override
    public String name() {
        return "leader-kill";
    }

    @Override
    public String describe() {
        return "delete the pod named by " + holder.describe() + " among " + service.labelSelector() + " in namespace '"
                + service.namespace() + "'";
    }

    @Override
    public synchronized void inject() {
        String leader;
        try {
            leader = holder.current().orElseThrow(() -> new FaultException("nobody holds the leader lease ("
                    + holder.describe() + "): check it with kubectl get lease -n " + service.namespace()));
        } catch (FaultException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FaultException("cannot read the leader from " + holder.describe() + ": " + e.getMessage(), e);
        }
        PodDelete podDelete = new PodDelete(name(), client, allowlist, service.withVictims(Victims.named(leader)));
        deletedAt = Instant.now();
        podDelete.inject();
        victim = leader;
        delete = podDelete;
    }

    @Override
    public synchronized void restore() {
        PodDelete last = delete;
        if (last != null) {
            last.restore();
        }
    }

    @Override
    public boolean isActive() {
        PodDelete last = delete;
        return last != null && last.isActive();
    }

    /** The pod's own evidence (its UID gone); the component is back when another holder first ran the job. */
    @Override
    public FaultEvidence evidence() {
        PodDelete last = delete;
        if (last == null) {
            return FaultEvidence.notObserved("no leader pod was deleted");
        }
        FaultEvidence pod = last.evidence();
        if (!pod.isObserved()) {
            return pod;
        }
        FaultEvidence gone = FaultEvidence.observed("leader " + victim + ": " + pod.description());
        return newLeaderRun().map(run -> gone.recoveredAt(run.at(), run.holder() + " runs the leader job")).orElse(gone);
    }

    /** OK once a holder other than the deleted leader has run the job since the delete; never before it. */
    public Probe newLeaderProbe() {
        return Probes.of("a holder other than the deleted leader runs the job (" + runs.describe() + ")",
                () -> newLeaderRun().isPresent());
    }

    /** Wait for the service's Ready pods, as for a pod-kill. */
    public RestoreRecipe restoreRecipe() {
        return new PodDelete(name(), client, allowlist, service).restoreRecipe();
    }

    private Optional<JobRun> newLeaderRun() {
        String killed = victim;
        Instant at = deletedAt;
        if (killed == null) {
            return Optional.empty();
        }
        try {
            return Leadership.of(runs.since(at)).firstRunByAnotherHolder(killed, at);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
