package aftershock.report;

import aftershock.verdict.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code outcome.json}: how the last run in a results folder ended, for scripts. It sits in the folder given as
 * {@code -Daftershock.results} (default target/gatling), beside Gatling's run folders, and is written also when
 * the run was refused before Gatling made a run folder.
 *
 * <pre>
 *   {"simulation": "SustainedLoad", "outcome": "FAIL", "exitCode": 1, "detail": "2 of 7 thresholds",
 *    "line": "aftershock: FAIL (2 of 7 thresholds)"}
 * </pre>
 */
public final class OutcomeFile {

    public static final String NAME = "outcome.json";

    private OutcomeFile() {
    }

    /** The folder runs write into: {@code -Daftershock.results}, default target/gatling. */
    public static Path resultsFolder() {
        return Path.of(System.getProperty("aftershock.results", "target/gatling"));
    }

    /** Writes {@code outcome.json} into {@code folder}, replacing the previous run's. */
    public static Path write(Path folder, String simulation, Outcome outcome) {
        ObjectNode json = SummaryJson.MAPPER.createObjectNode()
                .put("simulation", simulation)
                .put("outcome", outcome.kind().name())
                .put("exitCode", outcome.exitCode())
                .put("detail", outcome.detail())
                .put("line", "aftershock: " + outcome.line());
        Path file = folder.resolve(NAME);
        try {
            Files.createDirectories(folder);
            SummaryJson.MAPPER.writeValue(file.toFile(), json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes a previous run's file, so a run that dies before its outcome is not mistaken for it. */
    public static void clear(Path folder) {
        try {
            Files.deleteIfExists(folder.resolve(NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder.resolve(NAME), e);
        }
    }

    /** The outcome written into {@code folder}, if any. */
    public static Optional<Outcome> read(Path folder) throws IOException {
        Path file = folder.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode json = SummaryJson.MAPPER.readTree(file.toFile());
        try {
            return Optional.of(new Outcome(Outcome.Kind.valueOf(json.path("outcome").asText()), json.path("detail").asText("")));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " names an unknown outcome '" + json.path("outcome").asText() + "'", e);
        }
    }
}
