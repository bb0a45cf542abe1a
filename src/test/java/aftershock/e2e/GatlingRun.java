package aftershock.e2e;

import aftershock.report.OutcomeFile;
import aftershock.report.SummaryJson;
import aftershock.verdict.Outcome;
import aftershock.verdict.RunSummary;
import aftershock.verdict.ThresholdResult;
import aftershock.verdict.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a simulation exactly as a user does, {@code mvn gatling:test -Dsimulation=...}, in its own process,
 * and reads back what it wrote.
 */
final class GatlingRun {

    final int exitCode;
    final String output;
    final Path resultsFolder;

    private GatlingRun(int exitCode, String output, Path resultsFolder) {
        this.exitCode = exitCode;
        this.output = output;
        this.resultsFolder = resultsFolder;
    }

    static GatlingRun of(Path resultsFolder, String simulation, String... properties) throws IOException, InterruptedException {
        return withEnvironment(Map.of(), resultsFolder, simulation, properties);
    }

    /** The same, with {@code environment} added to the run's (and so the built-in target's) environment. */
    static GatlingRun withEnvironment(Map<String, String> environment, Path resultsFolder, String simulation,
                                      String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-Dstyle.color=never", "gatling:test",
                "-Dsimulation=" + simulation, "-Daftershock.results=" + resultsFolder.toAbsolutePath()));
        for (String property : properties) {
            command.add("-D" + property);
        }
        Path log = Files.createTempFile("gatling-run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(simulation + " did not finish within 5 minutes");
        }
        return new GatlingRun(process.exitValue(), Files.readString(log), resultsFolder);
    }

    /** The Gatling run folder: holds index.html, summary.json and requests.hlog. */
    Optional<Path> runFolder() throws IOException {
        if (!Files.isDirectory(resultsFolder)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(resultsFolder)) {
            return folders.filter(Files::isDirectory).findFirst();
        }
    }

    /**
     * The last line the run printed that starts with "aftershock: " (Maven's colour resets stripped): the outcome,
     * after Gatling's own lines.
     */
    String lastAftershockLine() {
        return output.lines().map(line -> line.replaceAll("\u001B\\[[0-9;]*m", ""))
                .filter(line -> line.startsWith("aftershock: ")).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no 'aftershock: ' line in the output:\n" + output));
    }

    /** The outcome.json the run left in its results folder. */
    Optional<Outcome> outcome() throws IOException {
        return OutcomeFile.read(resultsFolder);
    }

    RunSummary summary() throws IOException {
        Path folder = runFolder().orElseThrow(() -> new AssertionError("no run folder; output:\n" + output));
        return SummaryJson.read(folder.resolve("summary.json"));
    }

    static ThresholdResult threshold(RunSummary summary, String nameStart) {
        return summary.thresholds().stream().filter(t -> t.threshold().name().startsWith(nameStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no threshold starting with '" + nameStart + "' in "
                        + summary.thresholds().stream().map(t -> t.threshold().name()).toList()));
    }

    static List<String> failing(RunSummary summary) {
        return summary.thresholds().stream().filter(t -> t.verdict() == Verdict.FAIL).map(t -> t.threshold().name()).toList();
    }
}
