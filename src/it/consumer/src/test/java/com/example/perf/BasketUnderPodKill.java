package com.example.perf;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.config.Settings;
import aftershock.platform.Platform.KillPlan;
import aftershock.platform.PlannedFault;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.List;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Metric.P95_MILLIS;
import static aftershock.verdict.Metric.RECOVERY_SECONDS;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * A team's own endpoints (aftershock.endpoints in this project's aftershock.conf: a basket saved with an item from
 * items.csv, and a list) while one replica of the service is killed: PASS when it recovers in time and saving a
 * basket stays fast. The mix weighs none of Aftershock's built-in endpoints.
 */
@Kind(RESILIENCE)
public class BasketUnderPodKill extends JudgedSimulation {

    public BasketUnderPodKill() {
        super("the team's own basket endpoints while one replica is killed");
    }

    @Override
    protected void plan() {
        Settings settings = settings("basket-under-pod-kill");
        Duration baseline = settings.scaled("baseline");
        Duration after = settings.scaledAtLeast("after", chaos.minAfterFault());

        ScenarioBuilder shoppers = scenario("basket").exec(load.mix(settings.weights("mix")));

        PlannedFault podKill = chaos.platform().podKills(KillPlan.ONE).get(0);
        Threshold recovery = Threshold.below(RECOVERY_SECONDS, settings.duration("thresholds.recovery")).forFault(podKill);
        List<Threshold> thresholds = List.of(recovery,
                Threshold.below(P95_MILLIS, settings.duration("thresholds.save-basket-p95")).forRequest("save-basket"));

        ChaosTimeline timeline = chaos.timeline().then(chaos.selfHealing(podKill, baseline).judgedBy(recovery));

        setUpJudged(load.warmedUp(shoppers, constantUsersPerSec(settings.positiveInt("rate")).during(baseline.plus(after))),
                timeline, thresholds);
    }
}
