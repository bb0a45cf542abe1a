package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.config.Settings;
import aftershock.platform.PlannedFault;
import aftershock.probes.AgentRegistry;
import aftershock.client.Http;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Phase;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Comparison.ABOVE;
import static aftershock.verdict.Comparison.AT_LEAST;
import static aftershock.verdict.Comparison.BELOW;
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

    Settings settings = run.settings("redis-outage");
    int rate = settings.positiveInt("rate");
    Duration baseline = settings.scaled("baseline");
    Duration outage = settings.scaled("outage");
    Duration after = settings.scaledAtLeast("after", run.minAfterFault());
    Map<String, Integer> mix = settings.weights("mix");

    ChainBuilder mixedEndpoints = run.mix(mix);
    ScenarioBuilder users = scenario("redis outage").exec(mixedEndpoints);

    PlannedFault redisKill = run.platform().redisKill();
    String registryCheck = "agent registry re-created";
    AgentRegistry registry = new AgentRegistry(new Http(Duration.ofSeconds(2)),
            run.target().baseUrls().get(0).resolve(run.paths().agents()), run::token);

    ChaosTimeline chaos = run.timeline()
            .then(run.held(redisKill, baseline, outage))
            .afterRecovery(registryCheck, () -> run.measured(registryCheck,
                    registry.recreated(run.target().baseUrls().size(), Duration.ofSeconds(10)) ? 1 : 0));

    List<Threshold> thresholds = List.of(
            Threshold.of(SUCCESS_RATE_PERCENT, ABOVE, settings.number("thresholds.success-rate-during-percent")).forPhase(Phase.DURING),
            Threshold.of(ERROR_RATE_PERCENT, BELOW, settings.number("thresholds.error-rate-after-percent")).forPhase(Phase.AFTER),
            Threshold.of(P95_MILLIS, BELOW, settings.duration("thresholds.p95-after").toMillis()).forPhase(Phase.AFTER),
            Threshold.of(RECOVERY_SECONDS, BELOW, settings.duration("thresholds.recovery-after-restart").toSeconds())
                    .forScope("redis-kill").named("recovery after Redis is back < "
                            + settings.duration("thresholds.recovery-after-restart").toSeconds() + " s"),
            Threshold.of(CHECK, AT_LEAST, 1).named(registryCheck));

    public RedisOutage() {
        super("Redis killed under load, degraded mode, Redis back");
        setUp(users.injectOpen(constantUsersPerSec(rate).during(baseline.plus(outage).plus(after)))
                        .andThen(run.verdict(thresholds)),
                run.chaos(chaos))
                .protocols(run.protocol())
                .assertions(run.verdictPasses());
    }
}
