package aftershock.e2e;

import aftershock.readme.ReadmeExample;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Write your own simulation", run as printed there ({@code mvn gatling:test -Dsimulation=...}, with
 * nothing added but where the results go) against the built-in target: a team's own scenario with Aftershock's
 * fault, probe, lost-data check and thresholds PASSes.
 */
class OwnSimulationIT {

    @Test
    void theReadmesOwnSimulationRunsAsPrintedAndPasses(@TempDir Path results) throws Exception {
        // Given the command the README prints under its example
        List<String> properties = ReadmeExample.read().properties();
        assertThat(properties).first().asString().startsWith("simulation=");
        String simulation = properties.get(0).substring("simulation=".length());

        // When it runs
        GatlingRun run = GatlingRun.of(results, simulation,
                properties.subList(1, properties.size()).toArray(String[]::new));

        // Then it PASSes: its own requests reported under their names, Redis killed and put back, recovery measured
        // by the fault's probe, and every cart saved before the kill read back
        assertThat(run.exitCode).as(run.output).isZero();
        RunSummary summary = run.summary();
        assertThat(summary.verdict()).isEqualTo(Verdict.PASS);
        assertThat(summary.requests()).extracting(RequestStats::name).contains("add to cart", "view cart");
        assertThat(summary.faults()).hasSize(1);
        assertThat(summary.thresholds()).extracting(t -> t.threshold().name()).containsExactly(
                "recovery time of redis-kill < 15 s", "error rate (after fault) < 5 %", "P95 (after fault) < 500 ms",
                "lost writes <= 0");
        assertThat(summary.integrity().acknowledged()).isEqualTo(50);
        assertThat(summary.integrity().present()).isEqualTo(50);
        assertThat(run.output).contains("aftershock: chaos redis-kill injected at ")
                .contains("aftershock: CartUnderRedisOutage PASS");
    }
}
