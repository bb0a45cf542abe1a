package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.config.Settings;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static aftershock.catalog.SimulationKind.LOAD;
import static aftershock.verdict.Comparison.BELOW;
import static aftershock.verdict.Metric.ERROR_RATE_PERCENT;
import static aftershock.verdict.Metric.P95_MILLIS;
import static aftershock.verdict.Metric.P99_MILLIS;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 003, scenario 1: 100 RPS constant for 10 minutes over a mix of JWT status, agents, API keys and health.
 * PASS when P95 < 500 ms, P99 < 1000 ms and errors < 5 %.
 */
@Kind(LOAD)
public class SustainedLoad extends JudgedSimulation {

    Settings settings = run.settings("sustained-load");
    int rate = settings.positiveInt("rate");
    Duration duration = settings.scaled("duration");
    Map<String, Integer> mix = settings.weights("mix");

    ChainBuilder mixedEndpoints = run.mix(mix);

    ScenarioBuilder users = scenario("sustained load").exec(mixedEndpoints);

    List<Threshold> thresholds = List.of(
            Threshold.of(P95_MILLIS, BELOW, settings.duration("thresholds.p95").toMillis()),
            Threshold.of(P99_MILLIS, BELOW, settings.duration("thresholds.p99").toMillis()),
            Threshold.of(ERROR_RATE_PERCENT, BELOW, settings.number("thresholds.error-rate-percent")));

    public SustainedLoad() {
        super("constant arrival rate over mixed endpoints");
        setUp(users.injectOpen(constantUsersPerSec(rate).during(duration))
                .andThen(run.verdict(thresholds)))
                .protocols(run.protocol())
                .assertions(run.verdictPasses());
    }
}
