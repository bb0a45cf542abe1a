package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.config.Settings;
import aftershock.platform.Platform.KillPlan;
import aftershock.platform.PlannedFault;
import aftershock.probes.Sessions;
import aftershock.client.Http;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Comparison.AT_LEAST;
import static aftershock.verdict.Comparison.AT_MOST;
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

    Settings settings = run.settings("session-survival");
    int sessionCount = settings.positiveInt("sessions");
    int rate = settings.positiveInt("rate");
    Duration baseline = settings.scaled("baseline");
    Duration after = settings.scaledAtLeast("after", run.minAfterFault());

    ScenarioBuilder users = scenario("background load").exec(run.mix(run.settings("sustained-load").weights("mix")));

    PlannedFault killServingReplica = run.platform().podKills(KillPlan.ONE).get(0);
    List<URI> replicas = run.target().baseUrls();
    URI servedBy = replicas.get(0);
    URI survivor = replicas.get(replicas.size() > 1 ? 1 : 0);
    Sessions sessions = new Sessions(new Http(Duration.ofSeconds(2)), run.paths(), servedBy, survivor,
            run.settings("target").string("admin-username"), run.settings("target").string("admin-password"), sessionCount);

    String valid = "sessions still valid on another replica % >= 100";
    String working = "session updates after recovery % >= 100";

    ChaosTimeline chaos = run.timeline()
            .beforeFaults("create " + sessionCount + " sessions on " + servedBy, sessions::create)
            .then(run.selfHealing(killServingReplica, baseline))
            .afterRecovery("read sessions on " + survivor, () -> run.integrityChecked(sessions.readBack()))
            .afterRecovery("use sessions on " + survivor, () -> {
                run.measured(valid, sessions.validPercent());
                run.measured(working, sessions.updatePercent());
            });

    List<Threshold> thresholds = List.of(
            Threshold.of(LOST_WRITES, AT_MOST, settings.nonNegativeInt("thresholds.lost")).named("sessions lost <= " + settings.nonNegativeInt("thresholds.lost")),
            Threshold.of(STALE_READS, AT_MOST, settings.nonNegativeInt("thresholds.stale")).named("sessions stale <= " + settings.nonNegativeInt("thresholds.stale")),
            Threshold.of(CHECK, AT_LEAST, settings.number("thresholds.valid-percent")).named(valid),
            Threshold.of(CHECK, AT_LEAST, settings.number("thresholds.updates-after-recovery-percent")).named(working));

    public SessionSurvival() {
        super("sessions survive the death of the replica that served them");
        setUp(users.injectOpen(constantUsersPerSec(rate).during(baseline.plus(after)))
                        .andThen(run.verdict(thresholds)),
                run.chaos(chaos))
                .protocols(run.protocol())
                .assertions(run.verdictPasses());
    }
}
