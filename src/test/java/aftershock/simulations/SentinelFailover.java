package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.chaos.local.SentinelMasterKill;
import aftershock.config.Settings;
import aftershock.platform.PlannedFault;
import aftershock.client.Http;
import aftershock.probes.ContinuousWrites;
import aftershock.probes.SentinelWrites;
import aftershock.redis.KilledNode;
import aftershock.redis.SentinelTopology;
import aftershock.run.JudgedSimulation;
import aftershock.system.ReplicaUrls;
import aftershock.system.Target;
import aftershock.verdict.Phase;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Metric.ERROR_RATE_PERCENT;
import static aftershock.verdict.Metric.LOST_WRITES;
import static aftershock.verdict.Metric.RECOVERY_SECONDS;
import static aftershock.verdict.Metric.STALE_READS;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 004, done through Sentinel: under load, SIGKILL the Redis master and follow the failover. The failover
 * time is measured by writing through Sentinel every probe interval (first of K acknowledged writes after the
 * kill) and set beside the time Sentinel itself logged +switch-master. Writes through the target's API run from
 * the baseline through the kill and past the failover, as Jepsen would: no acknowledged write may be lost, no read
 * may return an older value than one already acknowledged, and the target's error rate must be back to normal
 * after the failover. With lag-before-kill the replica is put to sleep first, so the failover window is open.
 */
@Kind(RESILIENCE)
public class SentinelFailover extends JudgedSimulation {

    public SentinelFailover() {
        super("Redis master killed under load, failover through Sentinel", Target.Needs.SENTINEL);
    }

    @Override
    protected void plan() {
        Settings settings = settings("sentinel-failover");
        int rate = settings.positiveInt("rate");
        Duration baseline = settings.scaled("baseline");
        Duration after = settings.scaledAtLeast("after", chaos.minAfterFault());

        ScenarioBuilder users = scenario("load through Sentinel").exec(load.mix(settings("sustained-load").weights("mix")));

        Duration lag = settings.duration("lag-before-kill");
        int writesAfterFailover = settings.nonNegativeInt("writes-after-failover");

        // The built-in target's Sentinels, or the user's own (aftershock.target.sentinels and master-name).
        SentinelTopology topology = target().isBuiltIn() ? target().builtIn().local().sentinel() : null;
        SentinelWrites probeWrites = closeAtEnd(topology != null
                ? new SentinelWrites(topology.sentinelAddresses(), topology.masterName())
                : SentinelWrites.fromSettings(settings("target")));
        ContinuousWrites writes = closeAtEnd(ContinuousWrites.fromSettings(settings("integrity"),
                new Http(Duration.ofSeconds(2)), load.dataIdentities(), ReplicaUrls.of(target(), settings("target"))));
        // Recovery is watched by writing through Sentinel, as the target's clients do; after a lag, from the kill on.
        PlannedFault plainKill = lag.isZero() ? chaos.platform().redisFailover() : chaos.platform().redisFailoverAfterLag(lag);
        PlannedFault killMaster = plainKill.probedBy(plainKill.fault() instanceof SentinelMasterKill kill && !lag.isZero()
                ? probeWrites.probeOnce("the master is killed", () -> kill.lastKilled().isPresent(), Duration.ofSeconds(5))
                : probeWrites.probe());

        Threshold failover = Threshold.below(RECOVERY_SECONDS, settings.duration("thresholds.failover")).forFault(killMaster)
                .describedAs("failover (writes resume through Sentinel)");
        List<Threshold> thresholds = List.of(
                failover,
                Threshold.atMost(LOST_WRITES, settings.nonNegativeInt("thresholds.lost-writes")),
                Threshold.atMost(STALE_READS, settings.nonNegativeInt("thresholds.stale-reads")),
                Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.error-rate-after-percent")).forPhase(Phase.AFTER));

        ChaosTimeline timeline = chaos.timeline()
                .beforeFaults("write continuously through " + target().baseUrls(), writes::start)
                .then(chaos.selfHealing(killMaster, baseline).judgedBy(failover))
                .afterRecovery("read acknowledged writes back", () -> {
                    writes.stopAfter(writesAfterFailover, Duration.ofSeconds(10));
                    verdict.integrityChecked(writes.readBack());
                })
                .afterRecovery("compare with Sentinel's log", () -> noteSentinelsOwnTiming(killMaster, topology, failover,
                        lag.isZero() ? "" : " (the failover is counted from the start of the lag, before the kill)"));

        setUpJudged(load.warmedUp(users, constantUsersPerSec(rate).during(baseline.plus(after))), timeline, thresholds);
    }

    /** Only the built-in target's Sentinels keep a log here to compare with. */
    private void noteSentinelsOwnTiming(PlannedFault killMaster, SentinelTopology topology, Threshold failover, String countedFrom) {
        if (topology == null || !(killMaster.fault() instanceof SentinelMasterKill kill)) {
            return;
        }
        Instant killedAt = kill.lastKilled().map(KilledNode::killedAt).orElse(null);
        if (killedAt == null) {
            return;
        }
        topology.switchMasterLoggedAt(killedAt).ifPresent(switched -> {
            double sentinelSeconds = Duration.between(killedAt, switched).toMillis() / 1000.0;
            String note = String.format(Locale.ROOT, "Sentinel logged +switch-master %.2f s after the kill", sentinelSeconds) + countedFrom;
            verdict.note(failover, note);
            System.out.println("aftershock: chaos redis-failover: " + note);
        });
    }
}
