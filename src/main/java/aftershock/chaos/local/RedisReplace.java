package aftershock.chaos.local;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.redis.RedisProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "redis-replace": SIGKILLs the target's redis-server (through its kill seam) and deletes its data files, so
 * restore starts it again on the same port empty, like a Redis pod rescheduled without a persistent volume.
 * What the target derives from Redis (its registry) must then be re-created by the target itself.
 */
public final class RedisReplace implements Fault {

    private static final Logger logger = LoggerFactory.getLogger(RedisReplace.class);

    private final RedisProcess redis;
    private final RedisKill kill;
    private volatile boolean wiped;

    public RedisReplace(RedisProcess redis) {
        this.redis = redis;
        this.kill = new RedisKill(redis);
    }

    @Override
    public String name() {
        return "redis-replace";
    }

    @Override
    public String describe() {
        return "SIGKILL " + redis.describe() + " and delete its data files";
    }

    @Override
    public synchronized void inject() {
        if (!redis.isAlive()) {
            throw new FaultException(redis.role() + " on " + redis.address() + " is not running, so there is nothing to"
                    + " replace: restore the previous fault or start the target first");
        }
        logger.info("inject {}: {}", name(), describe());
        wiped = false;
        kill.inject();
        try {
            redis.wipeData();
            wiped = true;
        } catch (RuntimeException e) {
            throw new FaultException("killed " + redis.describe() + " but could not delete its data files: "
                    + e.getMessage(), e);
        }
    }

    /** redis-kill's evidence (the killed PID gone, Redis started again), once its data files are deleted too. */
    @Override
    public FaultEvidence evidence() {
        FaultEvidence killed = kill.evidence();
        if (killed.isObserved() && !wiped) {
            return FaultEvidence.notObserved(killed.description() + ", but its data files were not deleted");
        }
        return killed.isObserved()
                ? new FaultEvidence(killed.status(), killed.description().replaceFirst(" gone", " gone, data files deleted"),
                        killed.componentRecoveredAt())
                : killed;
    }

    @Override
    public synchronized void restore() {
        kill.restore();
    }

    @Override
    public boolean isActive() {
        return kill.isActive();
    }
}
