package aftershock.chaos.local;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.redis.KilledNode;
import aftershock.redis.RedisProcess;
import aftershock.redis.SentinelTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;

/**
 * "redis-failover": SIGKILLs the node the Sentinels currently call master, so they fail over to the
 * replica; restore starts the killed node again, and it rejoins as a replica. With a lag before the kill
 * ({@link #afterReplicaLag}), the replica is put to sleep first so it falls behind: the failover window opens.
 */
public final class SentinelMasterKill implements Fault {

    private static final Logger logger = LoggerFactory.getLogger(SentinelMasterKill.class);

    private final SentinelTopology topology;
    private final Duration replicaLag;
    private volatile KilledNode killed;
    private volatile KilledNode lastKilled;
    private volatile HostAndPort newMaster;
    private volatile Instant newMasterSeenAt;

    public SentinelMasterKill(SentinelTopology topology) {
        this(topology, Duration.ZERO);
    }

    private SentinelMasterKill(SentinelTopology topology, Duration replicaLag) {
        this.topology = topology;
        this.replicaLag = replicaLag;
    }

    /** Kills the master while the replica sleeps {@code replicaSleep} (DEBUG SLEEP, less than Sentinel's down-after). */
    public static SentinelMasterKill afterReplicaLag(SentinelTopology topology, Duration replicaSleep) {
        return new SentinelMasterKill(topology, replicaSleep);
    }

    @Override
    public String name() {
        return "redis-failover";
    }

    @Override
    public String describe() {
        HostAndPort master = topology.currentMaster();
        RedisProcess node = topology.dataNodes().get(master.getPort());
        long pid = node == null ? -1 : node.pid();
        String lag = replicaLag.isZero() ? "" : "DEBUG SLEEP " + replicaLag.toMillis() + " ms on the replica, then ";
        return lag + "SIGKILL redis-server pid " + pid + " (" + master + "), the Sentinel master '" + topology.masterName() + "'";
    }

    @Override
    public synchronized void inject() {
        logger.info("inject {}: {}", name(), describe());
        try {
            newMaster = null;
            newMasterSeenAt = null;
            killed = replicaLag.isZero() ? topology.killMaster() : topology.lagReplicaThenKillMaster(replicaLag);
            lastKilled = killed;
        } catch (RuntimeException e) {
            throw new FaultException("cannot kill the Redis master: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void restore() {
        try {
            topology.restartKilled();
        } catch (RuntimeException e) {
            throw new FaultException("cannot restart the killed Redis node " + killed + ": " + e.getMessage(), e);
        }
        killed = null;
    }

    @Override
    public boolean isActive() {
        return killed != null;
    }

    /**
     * Observed once the Sentinels name another master than the killed node (SENTINEL get-master-addr-by-name);
     * the component is back at the +switch-master Sentinel logged, or when the new master was first seen.
     */
    @Override
    public FaultEvidence evidence() {
        KilledNode node = lastKilled;
        if (node == null) {
            return FaultEvidence.notObserved("no Redis master was killed");
        }
        Instant seen = newMasterSeenAt;
        if (seen == null) {
            HostAndPort master;
            try {
                master = topology.currentMaster();
            } catch (RuntimeException e) {
                return FaultEvidence.pending("no Sentinel answered: " + e.getMessage());
            }
            if (master.equals(node.address())) {
                return FaultEvidence.pending("Sentinel still names " + master + " master, " + node.describe() + " killed");
            }
            newMaster = master;
            seen = Instant.now();
            newMasterSeenAt = seen;
        }
        Instant switched = topology.switchMasterLoggedAt(node.killedAt()).orElse(seen);
        return FaultEvidence.observed(node.describe() + " killed, Sentinel's master changed from " + node.address()
                + " to " + newMaster).recoveredAt(switched, "new master elected");
    }

    /** The node the most recent injection killed, also after restore(): for comparing timings afterwards. */
    public Optional<KilledNode> lastKilled() {
        return Optional.ofNullable(lastKilled);
    }

    /** The node the last injection killed, while active. */
    public Optional<KilledNode> killedNode() {
        return Optional.ofNullable(killed);
    }
}
