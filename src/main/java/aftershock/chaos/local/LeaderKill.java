package aftershock.chaos.local;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.probes.JobRun;
import aftershock.probes.JobRuns;
import aftershock.probes.LeaderHolder;
import aftershock.probes.Leadership;
import aftershock.probes.Probe;
import aftershock.probes.Probes;
import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.Replica;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "leader-kill": SIGKILLs the replica that holds the leader lease now (through the target's kill seam, only a
 * process the supervisor started). Recovered once a different holder runs the leader job; the supervisor restarts
 * the killed replica, and restore makes sure it runs again.
 */
public final class LeaderKill implements Fault {

    private static final Logger logger = LoggerFactory.getLogger(LeaderKill.class);

    private final LocalTarget target;
    private final LeaderHolder holder;
    private final JobRuns runs;
    private volatile Victim victim;
    private volatile boolean active;

    /** The leader the last injection killed: its holder identity, replica, process and when. */
    public record Victim(String holder, Replica replica, long pid, ProcessHandle process, Instant at) {
    }

    public LeaderKill(LocalTarget target, LeaderHolder holder, JobRuns runs) {
        this.target = target;
        this.holder = holder;
        this.runs = runs;
    }

    @Override
    public String name() {
        return "leader-kill";
    }

    @Override
    public String describe() {
        return "SIGKILL the replica holding the leader lease (" + holder.describe() + ")";
    }

    @Override
    public synchronized void inject() {
        Replica leader = LeaderReplicas.current(target, holder);
        String identity = LeaderReplicas.holderOf(leader);
        long pid = leader.pid();
        ProcessHandle process = ProcessHandle.of(pid).orElse(null);
        logger.info("inject {}: SIGKILL the leader {}", name(), leader.describe());
        Instant at = target.killReplica(leader.index());
        victim = new Victim(identity, leader, pid, process, at);
        active = true;
    }

    @Override
    public synchronized void restore() {
        Victim last = victim;
        if (!active || last == null) {
            return;
        }
        try {
            target.ensureRunning(last.replica().index());
        } catch (RuntimeException e) {
            throw new FaultException(last.replica().id() + " is not running again: " + e.getMessage(), e);
        }
        active = false;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    /** Observed once the killed pid is gone; the component is back when another holder first ran the job. */
    @Override
    public FaultEvidence evidence() {
        Victim last = victim;
        if (last == null) {
            return FaultEvidence.notObserved("no leader was killed");
        }
        if (last.process() != null && last.process().isAlive()) {
            return FaultEvidence.pending("leader " + last.holder() + " still alive after SIGKILL");
        }
        FaultEvidence gone = FaultEvidence.observed("leader " + last.holder() + " (" + last.replica().id() + " pid " + last.pid()
                + ") killed");
        return newLeaderRun(last).map(run -> gone.recoveredAt(run.at(), run.holder() + " runs the leader job"
                + (run.term() == 0 ? "" : " in term " + run.term()))).orElse(gone);
    }

    /** OK once a holder other than the killed leader has run the job since the kill; never before a kill. */
    public Probe newLeaderProbe() {
        return Probes.of("a holder other than the killed leader runs the job (" + runs.describe() + ")",
                () -> victim != null && newLeaderRun(victim).isPresent());
    }

    /** The leader the last injection killed. */
    public Optional<Victim> victim() {
        return Optional.ofNullable(victim);
    }

    private Optional<JobRun> newLeaderRun(Victim killed) {
        try {
            return Leadership.of(runs.since(killed.at())).firstRunByAnotherHolder(killed.holder(), killed.at());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
