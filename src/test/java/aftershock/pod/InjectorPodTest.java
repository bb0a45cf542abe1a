package aftershock.pod;

import aftershock.catalog.FoundSimulation;
import aftershock.catalog.SimulationCatalog;
import aftershock.distributed.LogStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InjectorPodTest {

    private static final SimulationCatalog CATALOG = SimulationCatalog.of(List.of(
            new FoundSimulation("aftershock.simulations.PodKill", Optional.empty())));

    @TempDir
    Path runFolder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void takesItsIndexFromTheCompletionIndexAndItsFolderFromTheRunFolder() {
        // When
        Map<String, String> properties = InjectorPod.properties(
                new String[]{"PodKill", "aftershock.injectors=2", "aftershock.injector.run-folder=/results/run-1"},
                Map.of("JOB_COMPLETION_INDEX", "1"));

        // Then
        assertThat(properties).containsEntry("aftershock.injector.index", "1")
                .containsEntry("aftershock.injector.folder", "/results/run-1/injector-1")
                .containsEntry("aftershock.results", "/results/run-1/injector-1/gatling")
                .containsEntry("aftershock.injectors", "2")
                .doesNotContainKey("aftershock.injector.run-folder");
    }

    @Test
    void refusesAnArgumentThatIsNotNameEqualsValue() {
        assertThatThrownBy(() -> InjectorPod.properties(new String[]{"PodKill", "scale"}, Map.of()))
                .hasMessageStartingWith("argument 'scale' is not name=value: write, for example, scale=0.1");
    }

    @Test
    void anUnknownSimulationIsOneLineBeforeGatlingStarts() {
        // Given
        List<String[]> gatlingRuns = new ArrayList<>();

        // When
        int code = InjectorPod.run(new String[]{"PodKil"}, Map.of(), () -> CATALOG, (properties, args) -> {
            gatlingRuns.add(args);
            return 0;
        }, print(out), print(err));

        // Then
        assertThat(code).isEqualTo(1);
        assertThat(gatlingRuns).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("injector: aftershock: unknown simulation 'PodKil'.");
    }

    @Test
    void runsGatlingByFullClassNameThenSendsItsIntervalLogAndReportAndExitsWithGatlingsCode() {
        // Given a Gatling that writes what an injector writes, and fails its assertions
        Path folder = runFolder.resolve("injector-1");
        List<String> gatlingArgs = new ArrayList<>();
        Map<String, String> gatlingProperties = new HashMap<>();

        // When
        int code = InjectorPod.run(new String[]{"PodKill", "aftershock.injectors=2",
                        "aftershock.injector.run-folder=" + runFolder}, Map.of("JOB_COMPLETION_INDEX", "1"),
                () -> CATALOG, (properties, args) -> {
                    gatlingProperties.putAll(properties);
                    gatlingArgs.addAll(List.of(args));
                    write(folder.resolve("requests.hlog"), "#[StartTime: 1764487800.000]\n0.000,1.000,0.010,HISTF\n");
                    write(folder.resolve("injector.json"), "{ \"index\": 1 }\n");
                    write(folder.resolve("gatling/outcome.json"), "{ \"exitCode\": 1 }\n");
                    write(folder.resolve("gatling/podkill-20261130083000/summary.json"), "{ \"verdict\": \"FAIL\" }\n");
                    return 2;
                }, print(out), print(err));

        // Then
        assertThat(code).isEqualTo(2);
        assertThat(gatlingArgs).containsSequence("--simulation", "aftershock.simulations.PodKill")
                .containsSequence("--results-folder", folder.resolve("gatling").toString());
        assertThat(gatlingProperties).containsEntry("aftershock.injector.index", "1");
        LogStream.Reader reader = new LogStream.Reader(1);
        out.toString(StandardCharsets.UTF_8).lines().forEach(reader::accept);
        assertThat(reader.file("requests.hlog")).contains("#[StartTime: 1764487800.000]\n0.000,1.000,0.010,HISTF\n");
        assertThat(reader.file("injector.json")).contains("{ \"index\": 1 }\n");
        assertThat(reader.file("outcome.json")).contains("{ \"exitCode\": 1 }\n");
        assertThat(reader.file("summary.json")).contains("{ \"verdict\": \"FAIL\" }\n");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
