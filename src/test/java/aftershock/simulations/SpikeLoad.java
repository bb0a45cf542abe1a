package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.config.Settings;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.RequestStats;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static aftershock.catalog.SimulationKind.LOAD;
import static aftershock.verdict.Comparison.AT_MOST;
import static aftershock.verdict.Comparison.BELOW;
import static aftershock.verdict.Metric.ERROR_RATE_PERCENT;
import static aftershock.verdict.Metric.P95_ABOVE_BASELINE_MILLIS;
import static aftershock.verdict.Metric.P95_MILLIS;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 003, scenario 2: 50 RPS baseline, a spike to 500 RPS for 30 s, back to 50, repeated (6 minutes).
 * PASS when P95 < 1 s and errors < 15 % over the run, and after each spike (once settled) P95 is back within
 * 50 ms of the baseline P95 measured before the first spike.
 */
@Kind(LOAD)
public class SpikeLoad extends JudgedSimulation {

    Settings settings = run.settings("spike-load");
    int baselineRate = settings.positiveInt("baseline-rate");
    int spikeRate = settings.positiveInt("spike-rate");
    Duration warmUp = settings.scaled("warm-up");
    Duration spike = settings.scaled("spike");
    Duration recovery = settings.scaled("recovery");
    int spikes = settings.positiveInt("spikes");
    Duration settle = settings.scaled("thresholds.settle");
    Map<String, Integer> mix = settings.weights("mix");

    ChainBuilder mixedEndpoints = run.mix(mix);

    ScenarioBuilder users = scenario("spike load").exec(mixedEndpoints);

    List<Threshold> thresholds = thresholds();

    public SpikeLoad() {
        super("baseline rate with repeated spikes");
        setUp(users.injectOpen(shape())
                .andThen(run.verdict(thresholds)))
                .protocols(run.protocol())
                .assertions(run.verdictPasses());
    }

    /** Warm-up at the baseline rate, then per spike: the spike rate, then the baseline rate again. */
    private List<OpenInjectionStep> shape() {
        List<OpenInjectionStep> steps = new ArrayList<>();
        steps.add(constantUsersPerSec(baselineRate).during(warmUp));
        for (int i = 0; i < spikes; i++) {
            steps.add(constantUsersPerSec(spikeRate).during(spike));
            steps.add(constantUsersPerSec(baselineRate).during(recovery));
        }
        return steps;
    }

    private List<Threshold> thresholds() {
        List<Threshold> list = new ArrayList<>();
        list.add(Threshold.of(P95_MILLIS, BELOW, settings.duration("thresholds.p95").toMillis()));
        list.add(Threshold.of(ERROR_RATE_PERCENT, BELOW, settings.number("thresholds.error-rate-percent")));
        double allowedMillis = settings.duration("thresholds.back-to-baseline").toMillis();
        double warm = seconds(warmUp);
        for (int i = 0; i < spikes; i++) {
            String name = "P95 back to baseline after spike " + (i + 1) + " <= +" + (long) allowedMillis + " ms";
            double spikeEnd = warm + i * (seconds(spike) + seconds(recovery)) + seconds(spike);
            double nextStart = spikeEnd + seconds(recovery);
            // Baseline: the second half of the warm-up, once the JVMs and connections are warm.
            double baselineFrom = warm / 2;
            run.measure(name, recorded -> {
                RequestStats baseline = recorded.stats(Threshold.ALL_REQUESTS, baselineFrom, warm);
                RequestStats after = recorded.stats(Threshold.ALL_REQUESTS, spikeEnd + seconds(settle), nextStart);
                if (baseline.count() == 0 || after.count() == 0) {
                    run.note(name, "no requests in the baseline or after-spike window: run longer (a larger -Dscale)");
                    return null;
                }
                run.note(name, "P95 " + after.p95Millis() + " ms after the spike vs " + baseline.p95Millis() + " ms before the first");
                return (double) (after.p95Millis() - baseline.p95Millis());
            });
            list.add(Threshold.of(P95_ABOVE_BASELINE_MILLIS, AT_MOST, allowedMillis).named(name));
        }
        return list;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
