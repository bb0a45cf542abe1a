package aftershock.catalog;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static aftershock.catalog.SimulationKind.LOAD;
import static aftershock.catalog.SimulationKind.RESILIENCE;
import static org.assertj.core.api.Assertions.assertThat;

/** What run-tests.sh reads: the simulations found, one per line, with their kind. */
class SimulationsCommandTest {

    private final SimulationCatalog catalog = SimulationCatalog.of(List.of(
            new FoundSimulation("aftershock.simulations.SpikeLoad", Optional.of(LOAD)),
            new FoundSimulation("aftershock.simulations.PodKill", Optional.of(RESILIENCE)),
            new FoundSimulation("com.acme.perf.Unmarked", Optional.empty())));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void listsEverySimulationWithItsKindAndNotesTheUnmarkedOne() {
        int status = run("--list");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("resilience PodKill", "load SpikeLoad", "resilience Unmarked");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualToIgnoringNewLines("note: com.acme.perf.Unmarked has no @Kind: listed as resilience,"
                + " so the suite asks before running it; mark it @Kind(LOAD) or @Kind(RESILIENCE)");
    }

    @Test
    void listsTheNamesOfOneKind() {
        assertThat(run("--list", "resilience")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("PodKill", "Unmarked");
    }

    @Test
    void badUsageExitsTwoWithTheUsage() {
        assertThat(run("--list", "chaos")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("simulations: unknown kind 'chaos': expected load or resilience")
                .contains(SimulationsCommand.USAGE);
        assertThat(run()).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    private int run(String... args) {
        return SimulationsCommand.run(args, () -> catalog,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
