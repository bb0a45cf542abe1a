package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.platform.PlannedFault;
import aftershock.probes.AgentRegistry;
import aftershock.probes.Expectation;
import aftershock.probes.IntegrityCheck;
import aftershock.run.JudgedSimulation;
import aftershock.system.ReplicaUrls;
import aftershock.verdict.IntegrityResult;
import aftershock.verdict.Phase;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Metric.CHECK;
import static aftershock.verdict.Metric.ERROR_RATE_PERCENT;
import static aftershock.verdict.Metric.LOST_WRITES;
import static aftershock.verdict.Metric.P95_MILLIS;
import static aftershock.verdict.Metric.RECOVERY_SECONDS;
import static aftershock.verdict.Metric.STALE_READS;
import static aftershock.verdict.Metric.SUCCESS_RATE_PERCENT;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 003, scenario 4: 30 s baseline, kill Redis (redis-kill keeps its data files, redis-replace brings it back
 * empty), 60 s of load in degraded mode, Redis back, verify full recovery. Before the outage N values are written
 * through the API; after it they are read back. PASS when more than 50 % of requests succeed during the outage;
 * after recovery the error rate and P95 are back within the sustained-load limits; the target recovers within
 * 30 s of Redis coming back and has re-created its agent registry on its own; with integrity.expect = durable no
 * value is lost (with cache the losses are reported, not judged).
 */
@Kind(RESILIENCE)
public class RedisOutage extends JudgedSimulation {

    public RedisOutage() {
        super("Redis killed under load, degraded mode, Redis back");
    }

    @Override
    protected void plan() {
        Settings settings = settings("redis-outage");
        int rate = settings.positiveInt("rate");
        Duration baseline = settings.scaled("baseline");
        Duration outage = settings.scaled("outage");
        Duration after = settings.scaledAtLeast("after", chaos.minAfterFault());
        Map<String, Integer> mix = settings.weights("mix");
        Expectation expect = Expectation.parse(settings("integrity").string("expect"));
        int writes = settings("integrity").positiveInt("writes");

        ChainBuilder mixedEndpoints = load.mix(mix);
        ScenarioBuilder users = scenario("redis outage").exec(mixedEndpoints);

        PlannedFault redisDown = switch (settings.string("fault").trim()) {
            case "redis-kill" -> chaos.platform().redisKill();
            case "redis-replace" -> chaos.platform().redisReplace();
            default -> throw new ConfigurationException("aftershock.redis-outage.fault is '" + settings.string("fault")
                    + "': write redis-kill (the process dies, its data files stay) or redis-replace (it comes back empty)");
        };
        // Read after the outage as a new sign-in: a session store that lost the load's sessions must not hide the registry.
        AgentRegistry registry = new AgentRegistry(new Http(Duration.ofSeconds(2)),
                TargetPaths.under(target().baseUrls().get(0), paths().agents()), load::signInAgain);
        // Through each replica's own address where known; in cookie mode each value in a session of its own.
        List<URI> replicas = ReplicaUrls.of(target(), settings("target"));
        IntegrityCheck values = IntegrityCheck.fromSettings(settings("integrity"), writes, new Http(Duration.ofSeconds(2)),
                load.dataIdentities(), replicas, replicas);

        Threshold registryRecreated = Threshold.atLeast(CHECK, 1).named("agent registry re-created");
        Threshold lostValues = Threshold.atMost(LOST_WRITES, settings.nonNegativeInt("thresholds.lost-values"))
                .describedAs("values lost across " + redisDown.label() + " (durable)");
        Threshold staleValues = Threshold.atMost(STALE_READS, settings.nonNegativeInt("thresholds.stale-values"))
                .describedAs("values stale across " + redisDown.label() + " (durable)");
        List<Threshold> thresholds = new ArrayList<>(List.of(
                Threshold.above(SUCCESS_RATE_PERCENT, settings.number("thresholds.success-rate-during-percent")).forPhase(Phase.DURING),
                Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.error-rate-after-percent")).forPhase(Phase.AFTER),
                Threshold.below(P95_MILLIS, settings.duration("thresholds.p95-after")).forPhase(Phase.AFTER),
                Threshold.below(RECOVERY_SECONDS, settings.duration("thresholds.recovery-after-restart")).forFault(redisDown)
                        .describedAs("recovery after Redis is back"),
                registryRecreated));
        if (expect.judgesLosses()) {
            thresholds.add(lostValues);
            thresholds.add(staleValues);
        }

        ChaosTimeline timeline = chaos.timeline()
                .beforeFaults("write " + writes + " values", values::write)
                .then(chaos.held(redisDown, baseline, outage))
                .afterRecovery(registryRecreated.name(), () -> verdict.measured(registryRecreated,
                        registry.recreated(target().replicaUrls().size(), Duration.ofSeconds(10)) ? 1 : 0))
                .afterRecovery("read the values back", () -> {
                    IntegrityResult result = values.readBack();
                    verdict.integrityChecked(result);
                    if (!expect.judgesLosses()) {
                        String note = "integrity.expect = cache: " + result.lost() + " of " + result.acknowledged()
                                + " acknowledged values lost and " + result.stale() + " stale, reported, not judged";
                        verdict.note(registryRecreated, note);
                        System.out.println("aftershock: " + note);
                    }
                });

        setUpJudged(load.warmedUp(users, constantUsersPerSec(rate).during(baseline.plus(outage).plus(after))), timeline, thresholds);
    }
}
