package aftershock.chaos.local;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.redis.RedisProcess;
import java.time.Duration;
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
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private volatile Instant injectedAt;
    private volatile Instant lastInjectedAt;
    private volatile long killedPid = -1;
    private volatile ProcessHandle killedProcess;
    private volatile Instant startedAgainAt;

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
        killedPid = redis.pid();
        killedProcess = ProcessHandle.of(killedPid).orElse(null);
        startedAgainAt = null;
        injectedAt = redis.kill();
        lastInjectedAt = injectedAt;
    }

    /** Observed once the killed PID is gone; the component is back when restore() has started Redis again. */
    @Override
    public FaultEvidence evidence() {
        Instant at = lastInjectedAt;
        if (at == null) {
            return FaultEvidence.notObserved("Redis was not killed");
        }
        ProcessHandle process = killedProcess;
        if (process != null && process.isAlive()) {
            return Instant.now().isAfter(at.plus(KILL_GRACE))
                    ? FaultEvidence.notObserved(redis.role() + " pid " + killedPid + " still alive " + KILL_GRACE.toSeconds()
                            + " s after SIGKILL")
                    : FaultEvidence.pending(redis.role() + " pid " + killedPid + " not gone yet");
        }
        FaultEvidence gone = FaultEvidence.observed(redis.role() + " pid " + killedPid + " gone");
        Instant back = startedAgainAt;
        return back == null ? gone : gone.recoveredAt(back, "started again as pid " + redis.pid());
    }

    @Override
    public synchronized void restore() {
        if (!redis.isAlive()) {
            try {
                redis.start();
                if (injectedAt != null) {
                    startedAgainAt = Instant.now();
                }
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
