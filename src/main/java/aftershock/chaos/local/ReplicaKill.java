package aftershock.chaos.local;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.Replica;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private record Killed(Replica replica, long pid, ProcessHandle process, Instant at) {
    }

    private volatile Instant injectedAt;
    private volatile List<Killed> killed = List.of();

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
        List<Killed> killedNow = new ArrayList<>();
        for (int index : indexes) {
            Replica replica = target.replica(index);
            long pid = replica.pid();
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            Instant at = target.killReplica(index);
            killedNow.add(new Killed(replica, pid, process.orElse(null), at));
            first = first == null ? at : first;
        }
        killed = List.copyOf(killedNow);
        injectedAt = first;
    }

    /**
     * Observed once every killed PID is gone; the component is back when each replica runs a new process that
     * answers /health. A PID still alive {@link #KILL_GRACE} after the kill means the kill did not happen.
     */
    @Override
    public FaultEvidence evidence() {
        List<Killed> last = killed;
        if (last.isEmpty()) {
            return FaultEvidence.notObserved("no replica was killed");
        }
        List<Killed> alive = last.stream().filter(k -> k.process() != null && k.process().isAlive()).toList();
        if (!alive.isEmpty()) {
            String still = alive.stream().map(k -> k.replica().id() + " pid " + k.pid()).collect(Collectors.joining(", "));
            boolean late = Instant.now().isAfter(last.get(0).at().plus(KILL_GRACE));
            return late ? FaultEvidence.notObserved(still + " still alive " + KILL_GRACE.toSeconds() + " s after SIGKILL")
                    : FaultEvidence.pending(still + " not gone yet");
        }
        FaultEvidence gone = FaultEvidence.observed(last.stream().map(k -> k.replica().id() + " pid " + k.pid() + " gone")
                .collect(Collectors.joining(", ")));
        Instant back = null;
        List<String> newPids = new ArrayList<>();
        for (Killed k : last) {
            Optional<Instant> healthy = k.replica().healthySince().filter(at -> at.isAfter(k.at()));
            if (healthy.isEmpty() || k.replica().pid() == k.pid()) {
                return gone;
            }
            back = back == null || healthy.get().isAfter(back) ? healthy.get() : back;
            newPids.add("pid " + k.replica().pid());
        }
        return gone.recoveredAt(back, "healthy again as " + String.join(", ", newPids));
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
