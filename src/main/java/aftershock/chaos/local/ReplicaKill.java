package aftershock.chaos.local;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultException;
import aftershock.supervisor.LocalTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "pod-kill": SIGKILLs one, several or all replicas of a {@link LocalTarget} (through its kill seam).
 * The supervisor brings them back after its restart delay; restore makes sure they run again.
 */
public final class ReplicaKill implements Fault {

    private static final Logger logger = LoggerFactory.getLogger(ReplicaKill.class);

    private final LocalTarget target;
    private final List<Integer> indexes;
    private volatile Instant injectedAt;

    /** Kills the replicas with these indexes. */
    public ReplicaKill(LocalTarget target, List<Integer> indexes) {
        if (indexes.isEmpty()) {
            throw new IllegalArgumentException("name at least one replica index to kill");
        }
        indexes.forEach(target::replica);
        this.target = target;
        this.indexes = List.copyOf(indexes);
    }

    /** Kills every replica. */
    public static ReplicaKill all(LocalTarget target) {
        return new ReplicaKill(target, IntStream.range(0, target.replicas().size()).boxed().toList());
    }

    @Override
    public String name() {
        return "pod-kill";
    }

    @Override
    public String describe() {
        return "SIGKILL " + indexes.stream().map(i -> target.replica(i).describe()).collect(Collectors.joining(", "));
    }

    @Override
    public synchronized void inject() {
        logger.info("inject {}: {}", name(), describe());
        Instant first = null;
        for (int index : indexes) {
            Instant at = target.killReplica(index);
            first = first == null ? at : first;
        }
        injectedAt = first;
    }

    @Override
    public synchronized void restore() {
        for (int index : indexes) {
            try {
                target.ensureRunning(index);
            } catch (RuntimeException e) {
                throw new FaultException(target.replica(index).id() + " is not running again: " + e.getMessage(), e);
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
