package aftershock.report;

import aftershock.verdict.Verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One suite run: {@code results/<timestamp>/} with one folder per simulation.
 *
 * <pre>
 *   SuiteResults suite = SuiteResults.read(Path.of("results/20250101_020000"), List.of("SpikeLoad", "PodKill"));
 *   suite.verdict();   // FAIL when any simulation failed or crashed
 * </pre>
 */
public record SuiteResults(Path dir, List<SimulationRun> runs) {

    private static final String TIMESTAMP = "\\d{8}_\\d{6}.*";

    /** Reads the named simulations in that order; a name without a folder reads as a crashed run. */
    public static SuiteResults read(Path dir, List<String> simulations) {
        List<SimulationRun> runs = simulations.stream()
                .map(name -> SimulationRun.read(dir.resolve(name)))
                .toList();
        return new SuiteResults(dir, runs);
    }

    /**
     * Reads every simulation folder in {@code dir}, by name. When {@code dir} is a results folder holding
     * suite folders ({@code YYYYMMDD_HHMMSS}) instead, reads the newest of them.
     */
    public static SuiteResults read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory: pass a results/<timestamp> folder written by run-tests.sh");
        }
        Path suiteDir = newestSuiteIn(dir).orElse(dir);
        try (Stream<Path> children = Files.list(suiteDir)) {
            List<SimulationRun> runs = children.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .map(SimulationRun::read)
                    .toList();
            return new SuiteResults(suiteDir, runs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + suiteDir, e);
        }
    }

    /** FAIL when any simulation failed or crashed, else WARN when any warned, else PASS. */
    public Verdict verdict() {
        return runs.stream().map(SimulationRun::verdict).reduce(Verdict.PASS, Verdict::and);
    }

    public Optional<SimulationRun> run(String simulation) {
        return runs.stream().filter(run -> run.simulation().equals(simulation)).findFirst();
    }

    /** The suite folder's name, its timestamp. */
    public String name() {
        return dir.toAbsolutePath().normalize().getFileName().toString();
    }

    private static Optional<Path> newestSuiteIn(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> all = children.filter(Files::isDirectory).toList();
            boolean allSuites = !all.isEmpty()
                    && all.stream().allMatch(path -> path.getFileName().toString().matches(TIMESTAMP));
            return allSuites ? all.stream().max(Comparator.comparing(path -> path.getFileName().toString())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
