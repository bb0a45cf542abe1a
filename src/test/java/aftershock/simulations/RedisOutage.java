package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.config.Settings;
import aftershock.platform.PlannedFault;
import aftershock.probes.AgentRegistry;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Phase;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Metric.CHECK;
import static aftershock.verdict.Metric.ERROR_RATE_PERCENT;
import static aftershock.verdict.Metric.P95_MILLIS;
import static aftershock.verdict.Metric.RECOVERY_SECONDS;
import static aftershock.verdict.Metric.SUCCESS_RATE_PERCENT;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 003, scenario 4: 30 s baseline, kill Redis, 60 s of load in degraded mode, Redis back, verify full recovery.
 * PASS when more than 50 % of requests succeed during the outage; after recovery the error rate and P95 are back
 * within the sustained-load limits; the target recovers within 30 s of Redis coming back and has re-created its
 * agent registry on its own.
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

        ChainBuilder mixedEndpoints = load.mix(mix);
        ScenarioBuilder users = scenario("redis outage").exec(mixedEndpoints);

        PlannedFault redisKill = chaos.platform().redisKill();
        AgentRegistry registry = new AgentRegistry(new Http(Duration.ofSeconds(2)),
                TargetPaths.under(target().baseUrls().get(0), paths().agents()), load::token);

        Threshold registryRecreated = Threshold.atLeast(CHECK, 1).named("agent registry re-created");
        List<Threshold> thresholds = List.of(
                Threshold.above(SUCCESS_RATE_PERCENT, settings.number("thresholds.success-rate-during-percent")).forPhase(Phase.DURING),
                Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.error-rate-after-percent")).forPhase(Phase.AFTER),
                Threshold.below(P95_MILLIS, settings.duration("thresholds.p95-after")).forPhase(Phase.AFTER),
                Threshold.below(RECOVERY_SECONDS, settings.duration("thresholds.recovery-after-restart")).forFault(redisKill)
                        .describedAs("recovery after Redis is back"),
                registryRecreated);

        ChaosTimeline timeline = chaos.timeline()
                .then(chaos.held(redisKill, baseline, outage))
                .afterRecovery(registryRecreated.name(), () -> verdict.measured(registryRecreated,
                        registry.recreated(target().baseUrls().size(), Duration.ofSeconds(10)) ? 1 : 0));

        setUpJudged(load.warmedUp(users, constantUsersPerSec(rate).during(baseline.plus(outage).plus(after))), timeline, thresholds);
    }
}
