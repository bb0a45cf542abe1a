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

    public SpikeLoad() {
        super("baseline rate with repeated spikes");
    }

    @Override
    protected void plan() {
        Settings settings = settings("spike-load");
        int baselineRate = settings.positiveInt("baseline-rate");
        int spikeRate = settings.positiveInt("spike-rate");
        Duration warmUp = settings.scaled("warm-up");
        Duration spike = settings.scaled("spike");
        Duration recovery = settings.scaled("recovery");
        int spikes = settings.positiveInt("spikes");
        Duration settle = settings.scaled("thresholds.settle");
        Duration backToBaseline = settings.duration("thresholds.back-to-baseline");
        Map<String, Integer> mix = settings.weights("mix");

        ChainBuilder mixedEndpoints = load.mix(mix);

        ScenarioBuilder users = scenario("spike load").exec(mixedEndpoints);

        // Warm-up at the baseline rate, then per spike: the spike rate, then the baseline rate again.
        List<OpenInjectionStep> shape = new ArrayList<>(List.of(constantUsersPerSec(baselineRate).during(warmUp)));
        for (int i = 0; i < spikes; i++) {
            shape.add(constantUsersPerSec(spikeRate).during(spike));
            shape.add(constantUsersPerSec(baselineRate).during(recovery));
        }

        List<Threshold> thresholds = new ArrayList<>(List.of(
                Threshold.below(P95_MILLIS, settings.duration("thresholds.p95")),
                Threshold.below(ERROR_RATE_PERCENT, settings.number("thresholds.error-rate-percent"))));
        for (int i = 0; i < spikes; i++) {
            Duration spikeEnd = warmUp.plus(spike.plus(recovery).multipliedBy(i)).plus(spike);
            thresholds.add(backToBaselineAfter(i + 1, backToBaseline, warmUp, spikeEnd.plus(settle), spikeEnd.plus(recovery)));
        }

        setUpJudged(load.warmedUp(users, shape), thresholds);
    }

    /**
     * P95 from {@code from} to {@code to} at most {@code allowed} above the baseline P95: the second half of the
     * warm-up, once the JVMs and connections are warm.
     */
    private Threshold backToBaselineAfter(int spike, Duration allowed, Duration warmUp, Duration from, Duration to) {
        Threshold threshold = Threshold.atMost(P95_ABOVE_BASELINE_MILLIS, allowed)
                .named("P95 back to baseline after spike " + spike + " <= +" + allowed.toMillis() + " ms");
        verdict.measure(threshold, recorded -> {
            RequestStats baseline = recorded.stats(Threshold.ALL_REQUESTS, seconds(warmUp) / 2, seconds(warmUp));
            RequestStats after = recorded.stats(Threshold.ALL_REQUESTS, seconds(from), seconds(to));
            if (baseline.count() == 0 || after.count() == 0) {
                verdict.note(threshold, "no requests in the baseline or after-spike window: run longer (a larger -Dscale)");
                return null;
            }
            verdict.note(threshold, "P95 " + after.p95Millis() + " ms after the spike vs " + baseline.p95Millis() + " ms before the first");
            return (double) (after.p95Millis() - baseline.p95Millis());
        });
        return threshold;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
