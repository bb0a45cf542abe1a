package com.example.perf;

import aftershock.catalog.Kind;
import aftershock.config.Settings;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.List;

import static aftershock.catalog.SimulationKind.LOAD;
import static aftershock.verdict.Metric.P95_MILLIS;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/**
 * A team's own smoke test, written against Aftershock as a library: a light, steady load for 10 seconds,
 * PASS when P95 < 500 ms. Without BASE_URL it runs against Aftershock's built-in target; with BASE_URL, against
 * your service (then point the requests at your own endpoints).
 */
@Kind(LOAD)
public class CheckoutSmoke extends JudgedSimulation {

    public CheckoutSmoke() {
        super("a light, steady load on the checkout path");
    }

    @Override
    protected void plan() {
        Settings settings = settings("checkout-smoke");
        int rate = settings.positiveInt("rate");
        Duration duration = settings.scaled("duration");

        ChainBuilder browse = load.authenticated()
                .exec(load.request("list agents", load.signedIn(http("list agents").get(paths().agents()))))
                .exec(load.request("health", http("health").get(paths().health())));

        ScenarioBuilder shoppers = scenario("checkout smoke").exec(browse);

        List<Threshold> thresholds = List.of(Threshold.below(P95_MILLIS, settings.duration("thresholds.p95")));

        setUpJudged(shoppers.injectOpen(constantUsersPerSec(rate).during(duration)), thresholds);
    }
}
