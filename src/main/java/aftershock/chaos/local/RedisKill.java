package aftershock.chaos.local;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultException;
import aftershock.redis.RedisProcess;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "redis-kill": SIGKILLs the target's redis-server (through its kill seam); its data files stay. Restore starts
 * it again on the same port, with whatever its persistence kept (everything it acknowledged, with an AOF fsynced
 * on every write; nothing without persistence). {@link RedisReplace} is the same crash with the files gone.
 */
public final class RedisKill implements Fault {

    private static final Logger logger = LoggerFactory.getLogger(RedisKill.class);

    private final RedisProcess redis;
    private volatile Instant injectedAt;

    public RedisKill(RedisProcess redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "redis-kill";
    }

    @Override
    public String describe() {
        return "SIGKILL " + redis.describe();
    }

    @Override
    public synchronized void inject() {
        if (!redis.isAlive()) {
            throw new FaultException(redis.role() + " on " + redis.address() + " is not running, so there is nothing to kill:"
                    + " restore the previous fault or start the target first");
        }
        logger.info("inject {}: {}", name(), describe());
        injectedAt = redis.kill();
    }

    @Override
    public synchronized void restore() {
        if (!redis.isAlive()) {
            try {
                redis.start();
            } catch (RuntimeException e) {
                throw new FaultException("could not start " + redis.role() + " again on " + redis.address() + ": "
                        + e.getMessage(), e);
            }
        }
        injectedAt = null;
    }

    @Override
    public boolean isActive() {
        return injectedAt != null;
    }

    /** When the last injection happened, while active. */
    public Optional<Instant> injectedAt() {
        return Optional.ofNullable(injectedAt);
    }
}
