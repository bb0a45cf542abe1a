package aftershock.builtin;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.UnifiedJedis;

/**
 * One replica's part in the leader election, as its settings choose: the Redis lease ({@link LeaderElection}, on its
 * own thread and its own Redis client), or a Kubernetes Lease ({@link KubernetesLeaderElection}) whose holder records
 * the job's runs through the same Redis list.
 *
 * <pre>
 *   LeaderRole role = LeaderRole.of(config, redisForTheElection);
 *   role.start();
 *   role.close();   // gives the lease up
 * </pre>
 */
final class LeaderRole implements AutoCloseable {

    private final UnifiedJedis redis;
    private final LeaderElection election;
    private final KubernetesClient leaseClient;
    private final KubernetesLeaderElection leaseElection;
    private final long tickMillis;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "leader");
        thread.setDaemon(true);
        return thread;
    });

    private LeaderRole(UnifiedJedis redis, LeaderElection election, KubernetesClient leaseClient,
                       KubernetesLeaderElection leaseElection, long tickMillis) {
        this.redis = redis;
        this.election = election;
        this.leaseClient = leaseClient;
        this.leaseElection = leaseElection;
        this.tickMillis = tickMillis;
    }

    /** The role {@code config} asks for; {@code redis} is the election's own client, closed with the role. */
    static LeaderRole of(TargetConfig config, UnifiedJedis redis) {
        LeaderElection.Settings leader = config.leader();
        String ownIdentity = config.replicaId() + "@" + ProcessHandle.current().pid();
        // On Kubernetes the pod's name is its identity in the Lease, and so in the job's runs.
        String holder = leader.onKubernetes() ? System.getenv().getOrDefault("HOSTNAME", ownIdentity) : ownIdentity;
        LeaderElection election = new LeaderElection(redis, holder, config.replicaId(), leader.timing(),
                config.has(Defect.SPLIT_BRAIN), config.has(Defect.NO_TAKEOVER), System::nanoTime);
        if (!leader.onKubernetes()) {
            return new LeaderRole(redis, election, null, null, leader.timing().tick().toMillis());
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        return new LeaderRole(redis, election, client, new KubernetesLeaderElection(client, leader.leaseNamespace(),
                leader.leaseName(), holder, leader.timing(), election::runJobAs), leader.timing().tick().toMillis());
    }

    /** Joins the election; returns at once. */
    void start() {
        if (leaseElection != null) {
            leaseElection.start();
        } else {
            // Its own thread: a slow heartbeat must not delay a lease renewal.
            loop.scheduleWithFixedDelay(election::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** GET /api/leader and /api/leader/runs, answered from this role. */
    LeaderEndpoints endpoints(TargetConfig config, Callers callers, UnifiedJedis requests) {
        return leaseElection != null
                ? new LeaderEndpoints(config, callers, requests, leaseElection::leading, leaseElection::lastSeenLeader)
                : new LeaderEndpoints(config, callers, requests, election::leading, () -> requests.get(LeaderElection.LEASE_KEY));
    }

    /** Leaves the election, giving the lease up if held. */
    @Override
    public void close() {
        loop.shutdownNow();
        if (leaseElection != null) {
            leaseElection.close();
            leaseClient.close();
        }
        election.resign();
        redis.close();
    }
}
