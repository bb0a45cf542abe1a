package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.client.Http;
import aftershock.config.Settings;
import aftershock.platform.Platform.KillPlan;
import aftershock.platform.PlannedFault;
import aftershock.probes.Expectation;
import aftershock.probes.IntegrityCheck;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.IntegrityResult;
import aftershock.system.ReplicaUrls;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Metric.ERROR_RATE_PERCENT;
import static aftershock.verdict.Metric.LOST_WRITES;
import static aftershock.verdict.Metric.MAX_DOWNTIME_SECONDS;
import static aftershock.verdict.Metric.RECOVERY_SECONDS;
import static aftershock.verdict.Metric.P95_MILLIS;
import static aftershock.verdict.Metric.STALE_READS;
import static aftershock.verdict.Metric.USER_ERROR_SECONDS_PER_KILL;
import static aftershock.verdict.Phase.AFTER;
import static aftershock.verdict.Phase.BEFORE;
import static aftershock.verdict.Phase.DURING;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 003, scenario 5: under load, kill each replica (pod) of the service in turn, measure its downtime and
 * recovery, and check that no acknowledged write was lost. Two kinds of figures, both judged:
 * <ul>
 *   <li>the replica's own recovery, probed on the killed replica: recovery < 30 s PASS, < 60 s WARN, otherwise
 *       FAIL; max downtime < 10 s;</li>
 *   <li>what users saw, through the front door (or BASE_URL): seconds of user-visible errors per kill < 2 s,
 *       error rate and P95 before, during and after the kills;</li>
 * </ul>
 * and no lost or stale data.
 */
@Kind(RESILIENCE)
public class PodKill extends JudgedSimulation {

    public PodKill() {
        super("replicas killed one after the other under load");
    }

    @Override
    protected void plan() {
        Settings settings = settings("pod-kill");
        int rate = settings.positiveInt("rate");
        Duration baseline = settings.scaled("baseline");
        Duration perKill = settings.scaledAtLeast("per-kill", chaos.minAfterFault());
        Map<String, Integer> mix = settings.weights("mix");
        int writes = settings("integrity").positiveInt("writes");

        ChainBuilder mixedEndpoints = load.mix(mix);
        ScenarioBuilder users = scenario("pod kill").exec(mixedEndpoints);

        List<PlannedFault> kills = chaos.platform().podKills(KillPlan.parse(settings.string("kill")));
        List<URI> replicas = ReplicaUrls.of(target(), settings("target"));
        IntegrityCheck integrity = IntegrityCheck.fromSettings(settings("integrity"), writes,
                new Http(Duration.ofSeconds(2)), load.dataIdentities(), replicas, replicas);

        Threshold recovery = Threshold.below(RECOVERY_SECONDS, settings.duration("thresholds.recovery-pass")).forFaults(kills)
                .warnAt(settings.duration("thresholds.recovery-warn"));
        // integrity.expect = cache: what a kill loses is reported, not judged.
        Expectation expect = Expectation.parse(settings("integrity").string("expect"));
        // What users saw at the address the load goes to, apart from the replica's own recovery.
        Duration userP95 = settings.duration("thresholds.user-p95");
        double userErrorRate = settings.number("thresholds.user-error-rate-percent");
        List<Threshold> thresholds = new ArrayList<>(List.of(
                recovery,
                Threshold.below(MAX_DOWNTIME_SECONDS, settings.duration("thresholds.max-downtime")).forFaults(kills),
                Threshold.below(USER_ERROR_SECONDS_PER_KILL, settings.duration("thresholds.user-errors-per-kill")).forFaults(kills),
                Threshold.below(ERROR_RATE_PERCENT, userErrorRate).forPhase(BEFORE),
                Threshold.below(ERROR_RATE_PERCENT, userErrorRate).forPhase(DURING),
                Threshold.below(ERROR_RATE_PERCENT, userErrorRate).forPhase(AFTER),
                Threshold.below(P95_MILLIS, userP95).forPhase(BEFORE),
                Threshold.below(P95_MILLIS, userP95).forPhase(DURING),
                Threshold.below(P95_MILLIS, userP95).forPhase(AFTER)));
        if (expect.judgesLosses()) {
            thresholds.add(Threshold.atMost(LOST_WRITES, settings.nonNegativeInt("thresholds.lost-writes")));
            thresholds.add(Threshold.atMost(STALE_READS, 0));
        }

        // Kill i fires at baseline + i x per-kill, and must recover on its own.
        ChaosTimeline timeline = chaos.timeline().beforeFaults("write " + writes + " values", integrity::write);
        for (int i = 0; i < kills.size(); i++) {
            timeline.then(chaos.selfHealing(kills.get(i), baseline.plus(perKill.multipliedBy(i))).judgedBy(recovery));
        }
        timeline.afterRecovery("read the values back", () -> {
            IntegrityResult result = integrity.readBack();
            verdict.integrityChecked(result);
            if (!expect.judgesLosses()) {
                String note = "integrity.expect = cache: " + result.lost() + " of " + result.acknowledged()
                        + " acknowledged values lost and " + result.stale() + " stale, reported, not judged";
                verdict.note(recovery, note);
                System.out.println("aftershock: " + note);
            }
        });

        setUpJudged(load.warmedUp(users, constantUsersPerSec(rate).during(baseline.plus(perKill.multipliedBy(kills.size())))),
                timeline, thresholds);
    }
}
