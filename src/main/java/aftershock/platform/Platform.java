package aftershock.platform;

import aftershock.config.ConfigurationException;
import aftershock.probes.JobRuns;
import aftershock.probes.LeaderHolder;
import java.time.Duration;
import java.util.List;

/**
 * Where faults are fired: the built-in target's local processes, or (next) pods on a Kubernetes cluster.
 * A simulation asks for faults by what they do and gets them with their recovery probes.
 *
 * <pre>
 *   PlannedFault redis = platform.redisKill();
 *   List&lt;PlannedFault&gt; kills = platform.podKills(KillPlan.EACH);
 * </pre>
 */
public interface Platform {

    /** Which replicas or pods a pod-kill takes down. */
    enum KillPlan {
        /** One after the other, each a fault of its own. */
        EACH,
        /** Only the first. */
        ONE,
        /** All at once, one fault. */
        ALL;

        public static KillPlan parse(String text) {
            for (KillPlan plan : values()) {
                if (plan.name().equalsIgnoreCase(text.trim())) {
                    return plan;
                }
            }
            throw new aftershock.config.ConfigurationException("pod-kill 'kill' is '" + text + "': use each, one or all");
        }
    }

    /** One line for the console: "built-in target on 127.0.0.1" or "namespace staging on https://...". */
    String describe();

    /** Kills the Redis the target uses; its data stays. Recovery is watched on the target's readiness. */
    PlannedFault redisKill();

    /** Kills the Redis the target uses and throws its data away: it comes back empty. Recovery as for redis-kill. */
    PlannedFault redisReplace();

    /** Kills replicas (pods) of the service; recovery is watched on the killed ones' health. */
    List<PlannedFault> podKills(KillPlan plan);

    /** Kills the Redis master behind Sentinel and lets Sentinel fail over. */
    PlannedFault redisFailover();

    /**
     * "lag-before-kill": puts the Sentinel replica to sleep for {@code replicaSleep} (less than Sentinel's down-after)
     * so that it falls behind, then kills the master: the failover window where unreplicated writes are lost.
     */
    default PlannedFault redisFailoverAfterLag(Duration replicaSleep) {
        throw new aftershock.config.ConfigurationException("lag-before-kill needs the built-in target's Sentinel topology"
                + " (it runs DEBUG SLEEP on the replica): set aftershock.sentinel-failover.lag-before-kill = 0s for " + describe());
    }

    /**
     * "leader-kill": kills the replica (pod) that {@code holder} names leader now. Its probe is OK once another holder
     * has run the leader job (read from {@code runs}) since the kill: the time to a new leader.
     */
    default PlannedFault leaderKill(LeaderHolder holder, JobRuns runs) {
        throw new ConfigurationException("leader-kill is not available on " + describe()
                + ": run LeaderFailover against the built-in target (empty BASE_URL) or aftershock.platform = kubernetes");
    }

    /**
     * "leader-pause": SIGSTOPs the process that {@code holder} names leader, SIGCONT on restore; its probe as for
     * {@link #leaderKill}. It needs processes this runner started, so the built-in target only.
     */
    default PlannedFault leaderPause(LeaderHolder holder, JobRuns runs) {
        throw new ConfigurationException("leader-pause stops a process by pid (SIGSTOP), which only works on the built-in"
                + " target's own replicas, not on " + describe() + ": set aftershock.leader-failover.pause = false");
    }
}
