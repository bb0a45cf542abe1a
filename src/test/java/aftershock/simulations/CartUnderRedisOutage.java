package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.platform.PlannedFault;
import aftershock.probes.IntegrityCheck;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Phase;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Metric.ERROR_RATE_PERCENT;
import static aftershock.verdict.Metric.LOST_WRITES;
import static aftershock.verdict.Metric.P95_MILLIS;
import static aftershock.verdict.Metric.RECOVERY_SECONDS;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/** A team's own cart traffic, checked, while Redis is down for 5 s: recovered, fast again, nothing lost. */
@Kind(RESILIENCE)
public class CartUnderRedisOutage extends JudgedSimulation {

    public CartUnderRedisOutage() {
        super("a team's own cart traffic while Redis is down for 5 s");
    }

    @Override
    protected void plan() {
        FeederBuilder<String> skus = csv("skus.csv").circular();

        ChainBuilder addToCart = load.authenticated().feed(skus)
                .exec(session -> session.set("cart", "cart-" + UUID.randomUUID()))
                .exec(load.request("add to cart", load.signedIn(http("add to cart").put("/api/sessions/#{cart}")
                        .body(StringBody("{\"sku\":\"#{sku}\",\"quantity\":1}")).check(status().is(201)))))
                .exec(load.request("view cart", load.signedIn(http("view cart").get("/api/sessions/#{cart}")
                        .check(jmesPath("state.sku").isEL("#{sku}")))));
        ScenarioBuilder shoppers = scenario("shoppers").exec(addToCart);

        PlannedFault redisKill = chaos.platform().redisKill();
        IntegrityCheck savedCarts = dataCheck(50);

        Threshold recovery = Threshold.below(RECOVERY_SECONDS, Duration.ofSeconds(15)).forFault(redisKill);
        List<Threshold> thresholds = List.of(recovery,
                Threshold.below(ERROR_RATE_PERCENT, 5).forPhase(Phase.AFTER),
                Threshold.below(P95_MILLIS, Duration.ofMillis(500)).forPhase(Phase.AFTER),
                Threshold.atMost(LOST_WRITES, 0));

        ChaosTimeline timeline = chaos.timeline()
                .beforeFaults("save 50 carts", savedCarts::write)
                .then(chaos.held(redisKill, Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .afterRecovery("read the carts back", () -> verdict.integrityChecked(savedCarts.readBack()));

        setUpJudged(load.warmedUp(shoppers, constantUsersPerSec(20).during(Duration.ofSeconds(25))), timeline, thresholds);
    }
}
