package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.client.Http;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.platform.Platform.KillPlan;
import aftershock.platform.PlannedFault;
import aftershock.probes.Sessions;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.IntegrityResult;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Metric.CHECK;
import static aftershock.verdict.Metric.LOST_WRITES;
import static aftershock.verdict.Metric.STALE_READS;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 001, done for real: 100 sessions with state written through one replica, that replica SIGKILLed under load;
 * every session must read back intact through every other replica and through the killed one once it is back, its
 * token must still be valid on another replica, and an update after recovery must succeed.
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
        List<URI> replicas = replicaUrls(settings("target").string("replica-urls"));
        URI servedBy = replicas.get(0);
        Sessions sessions = new Sessions(new Http(Duration.ofSeconds(2)), paths(), servedBy, replicas.subList(1, replicas.size()),
                settings("target").string("admin-username"), settings("target").string("admin-password"), sessionCount);

        Threshold lostElsewhere = Threshold.atMost(LOST_WRITES, settings.nonNegativeInt("thresholds.lost"))
                .describedAs("sessions lost on the other replicas");
        Threshold staleElsewhere = Threshold.atMost(STALE_READS, settings.nonNegativeInt("thresholds.stale"))
                .describedAs("sessions stale on the other replicas");
        Threshold lostOnRestarted = Threshold.atMost(LOST_WRITES, settings.nonNegativeInt("thresholds.lost"))
                .describedAs("sessions lost on the restarted replica");
        Threshold staleOnRestarted = Threshold.atMost(STALE_READS, settings.nonNegativeInt("thresholds.stale"))
                .describedAs("sessions stale on the restarted replica");
        Threshold stillValid = Threshold.atLeast(CHECK, settings.number("thresholds.valid-percent"))
                .describedAs("sessions still valid on another replica %");
        Threshold updatable = Threshold.atLeast(CHECK, settings.number("thresholds.updates-after-recovery-percent"))
                .describedAs("session updates after recovery %");
        List<Threshold> thresholds = List.of(lostElsewhere, staleElsewhere, lostOnRestarted, staleOnRestarted, stillValid, updatable);
        String oneAddress = "read through the one address " + servedBy + ": set aftershock.target.replica-urls to read"
                + " through each replica";

        ChaosTimeline timeline = chaos.timeline()
                .beforeFaults("create " + sessionCount + " sessions on " + servedBy, sessions::create)
                .then(chaos.selfHealing(killServingReplica, baseline))
                .afterRecovery("read sessions on " + sessions.others(), () -> {
                    verdict.integrityChecked(sessions.readBack(sessions.others()));
                    if (replicas.size() == 1) {
                        verdict.note(lostElsewhere, oneAddress);
                        System.out.println("aftershock: SessionSurvival " + oneAddress);
                    }
                })
                .afterRecovery("read sessions on the restarted " + servedBy, () -> {
                    IntegrityResult restarted = sessions.readBack(List.of(servedBy));
                    verdict.measured(lostOnRestarted, restarted.lost());
                    verdict.measured(staleOnRestarted, restarted.stale());
                    verdict.note(lostOnRestarted, restarted.present() + " of " + restarted.acknowledged()
                            + " acknowledged sessions read back intact through " + servedBy);
                })
                .afterRecovery("use sessions on " + sessions.others().get(0), () -> {
                    verdict.measured(stillValid, sessions.validPercent());
                    verdict.measured(updatable, sessions.updatePercent());
                });

        setUpJudged(load.warmedUp(users, constantUsersPerSec(rate).during(baseline.plus(after))), timeline, thresholds);
    }

    /** The built-in target's replicas; for a user's system aftershock.target.replica-urls, or BASE_URL alone. */
    private List<URI> replicaUrls(String configured) {
        if (target().isBuiltIn() || configured.isBlank()) {
            return target().replicaUrls();
        }
        try {
            return Arrays.stream(configured.split(",")).map(String::trim).filter(u -> !u.isEmpty())
                    .map(u -> URI.create(u.endsWith("/") ? u : u + "/")).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("aftershock.target.replica-urls '" + configured + "' is not a list of URLs ("
                    + e.getMessage() + "): write each replica's address, comma-separated, like"
                    + " http://10.0.0.5:8080,http://10.0.0.6:8080, or leave it empty");
        }
    }
}
