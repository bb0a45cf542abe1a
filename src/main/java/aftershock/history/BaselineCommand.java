package aftershock.history;

import aftershock.report.SimulationRun;
import aftershock.report.SuiteResults;
import aftershock.report.SummaryJson;
import aftershock.verdict.RunMetadata;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The nightly's baseline. {@code ./run-tests.sh baseline <resultsDir> <currentDir>} prints the folder of the newest
 * run that is alike (same scale, target and topology in every simulation both ran), was scheduled, PASSed (or
 * WARNed) everywhere, and either compared clean against its own baseline or was accepted;
 * {@code ./run-tests.sh accept <runDir>} accepts a run after a change whose new figures are meant.
 */
public final class BaselineCommand {

    /** Written into a run folder by {@code accept}. */
    public static final String ACCEPTED_FILE = "accepted.json";
    /** Written into a run folder by compare: what it regressed against its own baseline. */
    public static final String COMPARED_FILE = "compare.json";

    private static final String SUITE_FOLDER = "\\d{8}_\\d{6}.*";

    /** Who accepted a run and when (ISO-8601, UTC). */
    public record Acceptance(String acceptedAt, String by) {
    }

    /** What a comparison found, kept beside the current run so that a later night knows whether it compared clean. */
    public record Compared(String baseline, List<String> regressions, List<String> noVerdicts) {
    }

    private BaselineCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length == 2 && args[0].equals("accept")) {
            return accept(Path.of(args[1]), environment, out, err);
        }
        if (args.length == 3 && args[0].equals("find")) {
            return find(Path.of(args[1]), Path.of(args[2]), out, err);
        }
        err.println("usage: ./run-tests.sh accept <runDir> | ./run-tests.sh baseline <resultsDir> <currentDir>");
        return 2;
    }

    private static int accept(Path run, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (!Files.isDirectory(run) || SuiteResults.read(run).runs().stream().allMatch(SimulationRun::crashed)) {
            err.println("accept: " + run + " is not a run with a summary.json: pass a results/<timestamp> folder written"
                    + " by run-tests.sh");
            return 2;
        }
        String by = environment.getOrDefault("GITHUB_ACTOR", environment.getOrDefault("USER", "unknown"));
        try {
            SummaryJson.write(new Acceptance(Instant.now().toString(), by), run.resolve(ACCEPTED_FILE));
        } catch (IOException e) {
            err.println("accept: cannot write " + run.resolve(ACCEPTED_FILE) + ": " + e.getMessage());
            return 2;
        }
        out.println("accept: " + run + " is a baseline for the nightly from now on (accepted by " + by + ")");
        return 0;
    }

    private static int find(Path results, Path current, PrintStream out, PrintStream err) {
        if (!Files.isDirectory(results) || !Files.isDirectory(current)) {
            err.println("baseline: " + (Files.isDirectory(results) ? current : results) + " is not a folder: pass the"
                    + " results folder and the current run folder");
            return 2;
        }
        SuiteResults now = SuiteResults.read(current);
        Optional<Path> baseline = candidates(results, current).stream()
                .filter(candidate -> qualifies(SuiteResults.read(candidate), now))
                .findFirst();
        baseline.ifPresentOrElse(found -> out.println(found),
                () -> err.println("baseline: no alike scheduled run in " + results + " passed and compared clean (or was"
                        + " accepted): nothing to compare against"));
        return 0;
    }

    /** Newest first, the current run left out. */
    private static List<Path> candidates(Path results, Path current) {
        try (Stream<Path> children = Files.list(results)) {
            Path currentReal = current.toRealPath();
            return children.filter(Files::isDirectory).filter(dir -> dir.getFileName().toString().matches(SUITE_FOLDER))
                    .filter(dir -> !sameFolder(dir, currentReal))
                    .sorted(Comparator.comparing((Path dir) -> dir.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static boolean qualifies(SuiteResults candidate, SuiteResults current) {
        List<SimulationRun> runs = candidate.runs();
        if (runs.isEmpty() || runs.stream().anyMatch(run -> run.crashed() || run.invalid() || run.verdict().fails())) {
            return false;
        }
        boolean scheduled = runs.stream().allMatch(run -> run.summary().metadata() != null
                && RunMetadata.SCHEDULED.equals(run.summary().metadata().trigger()));
        boolean accepted = Files.isRegularFile(candidate.dir().resolve(ACCEPTED_FILE));
        if (!accepted && !(scheduled && comparedClean(candidate.dir()))) {
            return false;
        }
        boolean shared = false;
        for (SimulationRun run : current.runs()) {
            Optional<SimulationRun> before = candidate.run(run.simulation());
            if (before.isEmpty() || run.crashed()) {
                continue;
            }
            RunMetadata then = before.get().summary().metadata();
            RunMetadata now = run.summary().metadata();
            if (then == null || now == null || !then.unlike(now).isEmpty()) {
                return false;
            }
            shared = true;
        }
        return shared;
    }

    private static boolean comparedClean(Path run) {
        Path file = run.resolve(COMPARED_FILE);
        if (!Files.isRegularFile(file)) {
            return true;   // the first night had nothing to compare against
        }
        try {
            Compared compared = SummaryJson.MAPPER.readValue(file.toFile(), Compared.class);
            return compared.regressions().isEmpty() && compared.noVerdicts().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameFolder(Path dir, Path currentReal) {
        try {
            return dir.toRealPath().equals(currentReal);
        } catch (IOException e) {
            return false;
        }
    }
}
