package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.client.Http;
import aftershock.config.Settings;
import aftershock.platform.Platform.KillPlan;
import aftershock.platform.PlannedFault;
import aftershock.probes.Sessions;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Metric.CHECK;
import static aftershock.verdict.Metric.LOST_WRITES;
import static aftershock.verdict.Metric.STALE_READS;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 001, done for real: 100 sessions with state on one replica, that replica SIGKILLed under load; every
 * session must read back intact on another replica, its token must still be valid there, and an update after
 * recovery must succeed.
 */
@Kind(RESILIENCE)
public class SessionSurvival extends JudgedSimulation {

    public SessionSurvival() {
        super("sessions survive the death of the replica that served them");
    }

    @Override
    protected void plan() {
        Settings settings = settings("session-survival");
        int sessionCount = settings.positiveInt("sessions");
        int rate = settings.positiveInt("rate");
        Duration baseline = settings.scaled("baseline");
        Duration after = settings.scaledAtLeast("after", chaos.minAfterFault());

        ScenarioBuilder users = scenario("background load").exec(load.mix(settings("sustained-load").weights("mix")));

        PlannedFault killServingReplica = chaos.platform().podKills(KillPlan.ONE).get(0);
        List<URI> replicas = target().baseUrls();
        URI servedBy = replicas.get(0);
        URI survivor = replicas.get(replicas.size() > 1 ? 1 : 0);
        Sessions sessions = new Sessions(new Http(Duration.ofSeconds(2)), paths(), servedBy, survivor,
                settings("target").string("admin-username"), settings("target").string("admin-password"), sessionCount);

        Threshold stillValid = Threshold.atLeast(CHECK, settings.number("thresholds.valid-percent"))
                .describedAs("sessions still valid on another replica %");
        Threshold updatable = Threshold.atLeast(CHECK, settings.number("thresholds.updates-after-recovery-percent"))
                .describedAs("session updates after recovery %");
        List<Threshold> thresholds = List.of(
                Threshold.atMost(LOST_WRITES, settings.nonNegativeInt("thresholds.lost")).describedAs("sessions lost"),
                Threshold.atMost(STALE_READS, settings.nonNegativeInt("thresholds.stale")).describedAs("sessions stale"),
                stillValid,
                updatable);

        ChaosTimeline timeline = chaos.timeline()
                .beforeFaults("create " + sessionCount + " sessions on " + servedBy, sessions::create)
                .then(chaos.selfHealing(killServingReplica, baseline))
                .afterRecovery("read sessions on " + survivor, () -> verdict.integrityChecked(sessions.readBack()))
                .afterRecovery("use sessions on " + survivor, () -> {
                    verdict.measured(stillValid, sessions.validPercent());
                    verdict.measured(updatable, sessions.updatePercent());
                });

        setUpJudged(load.warmedUp(users, constantUsersPerSec(rate).during(baseline.plus(after))), timeline, thresholds);
    }
}
