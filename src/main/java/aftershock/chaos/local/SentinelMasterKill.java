package aftershock.chaos.local;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultException;
import aftershock.redis.KilledNode;
import aftershock.redis.RedisProcess;
import aftershock.redis.SentinelTopology;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;

/**
 * "redis-failover": SIGKILLs the node the Sentinels currently call master, so they fail over to the
 * replica; restore starts the killed node again, and it rejoins as a replica.
 */
public final class SentinelMasterKill implements Fault {

    private static final Logger logger = LoggerFactory.getLogger(SentinelMasterKill.class);

    private final SentinelTopology topology;
    private volatile KilledNode killed;
    private volatile KilledNode lastKilled;

    public SentinelMasterKill(SentinelTopology topology) {
        this.topology = topology;
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
        return "SIGKILL redis-server pid " + pid + " (" + master + "), the Sentinel master '" + topology.masterName() + "'";
    }

    @Override
    public synchronized void inject() {
        logger.info("inject {}: {}", name(), describe());
        try {
            killed = topology.killMaster();
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

    /** The node the most recent injection killed, also after restore(): for comparing timings afterwards. */
    public Optional<KilledNode> lastKilled() {
        return Optional.ofNullable(lastKilled);
    }

    /** The node the last injection killed, while active. */
    public Optional<KilledNode> killedNode() {
        return Optional.ofNullable(killed);
    }
}
