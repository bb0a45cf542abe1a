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

    public SustainedLoad() {
        super("constant arrival rate over mixed endpoints");
    }

    @Override
    protected void plan() {
        Settings settings = settings("sustained-load");
        int rate = settings.positiveInt("rate");
        Duration duration = settings.scaled("duration");
        Map<String, Integer> mix = settings.weights("mix");

        ChainBuilder mixedEndpoints = load.mix(mix);

        ScenarioBuilder users = scenario("sustained load").exec(mixedEndpoints);

        List<Threshold> thresholds = List.of(
                Threshold.below(P95_MILLIS, settings.duration("thresholds.p95")),
                Threshold.below(P99_MILLIS, settings.duration("thresholds.p99")),
                Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.error-rate-percent")));

        setUpJudged(load.warmedUp(users, constantUsersPerSec(rate).during(duration)), thresholds);
    }
}
