package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.config.Settings;
import aftershock.platform.Platform.KillPlan;
import aftershock.platform.PlannedFault;
import aftershock.probes.IntegrityCheck;
import aftershock.client.Http;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Comparison.AT_MOST;
import static aftershock.verdict.Comparison.BELOW;
import static aftershock.verdict.Metric.LOST_WRITES;
import static aftershock.verdict.Metric.MAX_DOWNTIME_SECONDS;
import static aftershock.verdict.Metric.RECOVERY_SECONDS;
import static aftershock.verdict.Metric.STALE_READS;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 003, scenario 5: under load, kill each replica (pod) of the service in turn, measure its downtime and
 * recovery, and check that no acknowledged write was lost. Recovery < 30 s PASS, < 60 s WARN, otherwise FAIL;
 * max downtime < 10 s; no lost or stale data.
 */
@Kind(RESILIENCE)
public class PodKill extends JudgedSimulation {

    Settings settings = run.settings("pod-kill");
    int rate = settings.positiveInt("rate");
    Duration baseline = settings.scaled("baseline");
    Duration perKill = settings.scaledAtLeast("per-kill", run.minAfterFault());
    Map<String, Integer> mix = settings.weights("mix");

    ChainBuilder mixedEndpoints = run.mix(mix);
    ScenarioBuilder users = scenario("pod kill").exec(mixedEndpoints);

    List<PlannedFault> kills = run.orRefuse(() -> run.platform().podKills(KillPlan.parse(settings.string("kill"))));
    IntegrityCheck integrity = IntegrityCheck.fromSettings(run.settings("integrity"),
            run.settings("integrity").positiveInt("writes"), new Http(Duration.ofSeconds(2)), run::token,
            run.target().baseUrls(), run.target().baseUrls());

    Threshold recovery = Threshold.of(RECOVERY_SECONDS, BELOW, settings.duration("thresholds.recovery-pass").toSeconds())
            .forScope("pod-kill").warnAt(settings.duration("thresholds.recovery-warn").toSeconds());

    ChaosTimeline chaos = killEachInTurn(run.timeline()
            .beforeFaults("write " + run.settings("integrity").positiveInt("writes") + " values", integrity::write))
            .afterRecovery("read the values back", () -> run.integrityChecked(integrity.readBack()));

    List<Threshold> thresholds = List.of(
            recovery,
            Threshold.of(MAX_DOWNTIME_SECONDS, BELOW, settings.duration("thresholds.max-downtime").toSeconds()).forScope("pod-kill"),
            Threshold.of(LOST_WRITES, AT_MOST, settings.nonNegativeInt("thresholds.lost-writes")),
            Threshold.of(STALE_READS, AT_MOST, 0));

    public PodKill() {
        super("replicas killed one after the other under load");
        setUp(users.injectOpen(constantUsersPerSec(rate).during(baseline.plus(perKill.multipliedBy(kills.size()))))
                        .andThen(run.verdict(thresholds)),
                run.chaos(chaos))
                .protocols(run.protocol())
                .assertions(run.verdictPasses());
    }

    /** Kill i fires at baseline + i x per-kill, and must recover on its own. */
    private ChaosTimeline killEachInTurn(ChaosTimeline timeline) {
        for (int i = 0; i < kills.size(); i++) {
            timeline.then(run.selfHealing(kills.get(i), baseline.plus(perKill.multipliedBy(i))).judgedBy(recovery));
        }
        return timeline;
    }
}
