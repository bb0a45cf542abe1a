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
import aftershock.process.ProcessSignals;
import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.Replica;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "leader-pause": SIGSTOPs the replica that holds the leader lease now, by pid (only a process the supervisor
 * started); restore sends SIGCONT. Held past the lease time, it lets another replica take the lease while the old
 * leader sleeps, and wake up believing it still leads: the moment a split brain shows. Restoring twice is harmless,
 * and a guarded run restores it on Ctrl-C or a crash, so no replica is left stopped.
 */
public final class LeaderPause implements Fault {

    private static final Logger logger = LoggerFactory.getLogger(LeaderPause.class);

    private final LocalTarget target;
    private final LeaderHolder holder;
    private final JobRuns runs;
    private final ProcessSignals signals;
    private volatile Paused paused;
    private volatile Paused last;

    /** The leader the last injection paused, and when it was stopped and resumed (null while stopped). */
    public record Paused(String holder, Replica replica, ProcessHandle process, Instant stoppedAt, Instant resumedAt) {
    }

    public LeaderPause(LocalTarget target, LeaderHolder holder, JobRuns runs, ProcessSignals signals) {
        this.target = target;
        this.holder = holder;
        this.runs = runs;
        this.signals = signals;
    }

    @Override
    public String name() {
        return "leader-pause";
    }

    @Override
    public String describe() {
        return "SIGSTOP the replica holding the leader lease (" + holder.describe() + "), SIGCONT on restore";
    }

    @Override
    public synchronized void inject() {
        Replica leader = LeaderReplicas.current(target, holder);
        ProcessHandle process = ProcessHandle.of(leader.pid()).orElseThrow(() -> new FaultException("leader "
                + leader.describe() + " exited before it could be paused"));
        logger.info("inject {}: SIGSTOP the leader {}", name(), leader.describe());
        try {
            signals.pause(process);
        } catch (RuntimeException e) {
            signals.resume(process);
            throw new FaultException("cannot pause the leader " + leader.describe() + ": " + e.getMessage(), e);
        }
        paused = new Paused(LeaderReplicas.holderOf(leader), leader, process, Instant.now(), null);
        last = paused;
    }

    @Override
    public synchronized void restore() {
        Paused stopped = paused;
        if (stopped == null) {
            return;
        }
        try {
            signals.resume(stopped.process());
        } catch (RuntimeException e) {
            throw new FaultException("cannot resume " + stopped.replica().id() + " pid " + stopped.process().pid()
                    + ": run `kill -CONT " + stopped.process().pid() + "`: " + e.getMessage(), e);
        }
        logger.info("restore {}: SIGCONT {} pid {}", name(), stopped.replica().id(), stopped.process().pid());
        last = new Paused(stopped.holder(), stopped.replica(), stopped.process(), stopped.stoppedAt(), Instant.now());
        paused = null;
    }

    @Override
    public boolean isActive() {
        return paused != null;
    }

    /** Observed once the leader was stopped; the component is back when another holder first ran the job. */
    @Override
    public FaultEvidence evidence() {
        Paused p = last;
        if (p == null) {
            return FaultEvidence.notObserved("no leader was paused");
        }
        FaultEvidence stopped = FaultEvidence.observed("leader " + p.holder() + " (" + p.replica().id() + " pid "
                + p.process().pid() + ") stopped by SIGSTOP" + (p.resumedAt() == null ? "" : ", resumed by SIGCONT "
                + Duration.between(p.stoppedAt(), p.resumedAt()).toMillis() + " ms later"));
        return newLeaderRun(p).map(run -> stopped.recoveredAt(run.at(), run.holder() + " runs the leader job"
                + (run.term() == 0 ? "" : " in term " + run.term()))).orElse(stopped);
    }

    /** OK once a holder other than the paused leader has run the job since the pause; never before a pause. */
    public Probe newLeaderProbe() {
        return Probes.of("a holder other than the paused leader runs the job (" + runs.describe() + ")",
                () -> last != null && newLeaderRun(last).isPresent());
    }

    /** The leader the last injection paused, with its resume time once restored. */
    public Optional<Paused> lastPaused() {
        return Optional.ofNullable(last);
    }

    private Optional<JobRun> newLeaderRun(Paused p) {
        try {
            return Leadership.of(runs.since(p.stoppedAt())).firstRunByAnotherHolder(p.holder(), p.stoppedAt());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
