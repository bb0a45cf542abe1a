package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.chaos.local.SentinelMasterKill;
import aftershock.config.Settings;
import aftershock.platform.PlannedFault;
import aftershock.probes.SentinelWrites;
import aftershock.redis.KilledNode;
import aftershock.redis.SentinelTopology;
import aftershock.run.JudgedSimulation;
import aftershock.system.Target;
import aftershock.verdict.Phase;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Comparison.AT_MOST;
import static aftershock.verdict.Comparison.BELOW;
import static aftershock.verdict.Metric.ERROR_RATE_PERCENT;
import static aftershock.verdict.Metric.LOST_WRITES;
import static aftershock.verdict.Metric.RECOVERY_SECONDS;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 004, done through Sentinel: under load, SIGKILL the Redis master and follow the failover. The failover
 * time is measured by writing through Sentinel every probe interval (first of K acknowledged writes after the
 * kill) and set beside the time Sentinel itself logged +switch-master. Acknowledged writes must not be lost,
 * and the target's error rate must be back to normal after the failover.
 */
@Kind(RESILIENCE)
public class SentinelFailover extends JudgedSimulation {

    Settings settings = run.settings("sentinel-failover");
    int rate = settings.positiveInt("rate");
    Duration baseline = settings.scaled("baseline");
    Duration after = settings.scaledAtLeast("after", run.minAfterFault());

    ScenarioBuilder users = scenario("load through Sentinel").exec(run.mix(run.settings("sustained-load").weights("mix")));

    SentinelTopology topology = run.target().builtIn().local().sentinel();
    SentinelWrites writes = new SentinelWrites(topology.sentinelAddresses(), topology.masterName());
    PlannedFault killMaster = withProbe(run.platform().redisFailover());

    Threshold failover = Threshold.of(RECOVERY_SECONDS, BELOW, settings.duration("thresholds.failover").toSeconds())
            .forScope("redis-failover").named("failover (writes resume through Sentinel) < "
                    + settings.duration("thresholds.failover").toSeconds() + " s");

    ChaosTimeline chaos = run.timeline()
            .then(run.selfHealing(killMaster, baseline).judgedBy(failover))
            .afterRecovery("read acknowledged writes back", () -> run.integrityChecked(writes.readBack()))
            .afterRecovery("compare with Sentinel's log", this::noteSentinelsOwnTiming);

    List<Threshold> thresholds = List.of(
            failover,
            Threshold.of(LOST_WRITES, AT_MOST, settings.nonNegativeInt("thresholds.lost-writes")),
            Threshold.of(ERROR_RATE_PERCENT, BELOW, settings.number("thresholds.error-rate-after-percent")).forPhase(Phase.AFTER));

    public SentinelFailover() {
        super("Redis master killed under load, failover through Sentinel", Target.Needs.SENTINEL);
        setUp(users.injectOpen(constantUsersPerSec(rate).during(baseline.plus(after)))
                        .andThen(run.verdict(thresholds)),
                run.chaos(chaos))
                .protocols(run.protocol())
                .assertions(run.verdictPasses());
    }

    @Override
    public void after() {
        writes.close();
        super.after();
    }

    /** Recovery is watched by writing through Sentinel, as the target's clients do. */
    private PlannedFault withProbe(PlannedFault planned) {
        return new PlannedFault(planned.label(), planned.fault(), writes.probe(), planned.recipe());
    }

    private void noteSentinelsOwnTiming() {
        SentinelMasterKill kill = (SentinelMasterKill) killMaster.fault();
        Instant killedAt = kill.lastKilled().map(KilledNode::killedAt).orElse(null);
        if (killedAt == null) {
            return;
        }
        topology.switchMasterLoggedAt(killedAt).ifPresent(switched -> {
            double sentinelSeconds = Duration.between(killedAt, switched).toMillis() / 1000.0;
            String note = String.format(Locale.ROOT, "Sentinel logged +switch-master %.2f s after the kill", sentinelSeconds);
            run.note(failover.name(), note);
            System.out.println("aftershock: chaos redis-failover: " + note);
        });
    }
}
