package aftershock.builtin;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election of the built-in replicas on Kubernetes: a {@code coordination.k8s.io} Lease held through fabric8's
 * LeaderElector ({@code kubectl get lease NAME -o jsonpath='{.spec.holderIdentity}'} names the leader). While this
 * replica leads, {@code job} runs every {@code jobEvery}, given the Lease's transitions count as the term.
 *
 * <pre>
 *   KubernetesLeaderElection election = new KubernetesLeaderElection(client, "staging", "aftershock-leader",
 *           System.getenv("HOSTNAME"), timing, term -&gt; sweep.run(term));
 *   election.start();
 * </pre>
 */
final class KubernetesLeaderElection implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(KubernetesLeaderElection.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String leaseName;
    private final String identity;
    private final LeaderElection.Timing timing;
    private final LongConsumer job;
    private final ScheduledExecutorService jobLoop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lease-job");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean leading;
    private volatile long term;
    private volatile String lastSeenLeader;
    private CompletableFuture<?> running;

    KubernetesLeaderElection(KubernetesClient client, String namespace, String leaseName, String identity,
                             LeaderElection.Timing timing, LongConsumer job) {
        this.client = client;
        this.namespace = namespace;
        this.leaseName = leaseName;
        this.identity = identity;
        this.timing = timing;
        this.job = job;
    }

    /** Joins the election; returns at once. */
    synchronized void start() {
        Duration lease = timing.lease().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timing.lease();
        Duration renewDeadline = lease.multipliedBy(2).dividedBy(3);
        running = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                        .withName(leaseName)
                        .withLock(new LeaseLock(namespace, leaseName, identity))
                        .withLeaseDuration(lease)
                        .withRenewDeadline(renewDeadline)
                        .withRetryPeriod(timing.tick())
                        .withReleaseOnCancel()
                        .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader))
                        .build())
                .build()
                .start();
        jobLoop.scheduleWithFixedDelay(this::runJobIfLeading, 0, timing.jobEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True while fabric8 says this replica holds the Lease. */
    boolean leading() {
        return leading;
    }

    /** The leader this replica last saw, or null. */
    String lastSeenLeader() {
        return lastSeenLeader;
    }

    /** Leaves the election, releasing the Lease if held. */
    @Override
    public synchronized void close() {
        jobLoop.shutdownNow();
        if (running != null) {
            running.cancel(true);
        }
    }

    private void startedLeading() {
        Lease lease = client.leases().inNamespace(namespace).withName(leaseName).get();
        Integer transitions = lease == null || lease.getSpec() == null ? null : lease.getSpec().getLeaseTransitions();
        term = transitions == null ? term + 1 : transitions;
        leading = true;
        logger.info("{}: holds Lease {}/{}, term {}", identity, namespace, leaseName, term);
    }

    private void stoppedLeading() {
        leading = false;
        logger.info("{}: lost Lease {}/{}", identity, namespace, leaseName);
    }

    private void newLeader(String leader) {
        lastSeenLeader = leader;
    }

    private void runJobIfLeading() {
        if (!leading) {
            return;
        }
        try {
            job.accept(term);
        } catch (RuntimeException e) {
            logger.warn("{}: the leader job failed: {}", identity, e.getMessage());
        }
    }
}
