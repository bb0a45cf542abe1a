package aftershock.report;

import aftershock.verdict.Outcome;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one simulation left in {@code results/<timestamp>/<Name>/}: its console log, its {@code outcome.json},
 * Gatling's run folder ({@code <name>-<timestamp>/index.html}) and Aftershock's {@code summary.json} beside it.
 * A run without a readable summary was refused (bad input), could not be judged (no verdict) or crashed; a crash
 * counts as FAIL.
 *
 * <pre>
 *   SimulationRun run = SimulationRun.read(Path.of("results/20250101_020000/SpikeLoad"));
 *   if (run.crashed()) System.out.println(run.problem());
 * </pre>
 *
 * @param simulation the simulation's class name, which is also the folder name
 * @param folder     the folder handed to the run as {@code -Daftershock.results}
 * @param runFolder  Gatling's run folder inside it, or null when the run never got that far
 * @param summary    the run's summary, or null when there is none
 * @param problem    why there is no summary, or null
 * @param outcome    how the run ended: from outcome.json, else from the summary's verdict, else FAIL (crashed)
 */
public record SimulationRun(String simulation, Path folder, Path runFolder, RunSummary summary, String problem,
                            Outcome outcome) {

    public static final String SUMMARY_FILE = "summary.json";
    public static final String CONSOLE_LOG = "console.log";
    /** Written by run-tests.sh when Maven failed although the verdict passed. */
    public static final String MAVEN_EXIT_STATUS = "mvn-exit-status";

    /** Reads the newest run found in {@code folder}. */
    public static SimulationRun read(Path folder) {
        String simulation = folder.getFileName().toString();
        if (!Files.isDirectory(folder)) {
            return crashed(simulation, folder, null, "no folder " + folder + ": the simulation never started");
        }
        Optional<Path> runFolder = newestRunFolder(folder);
        Optional<Outcome> written;
        try {
            written = OutcomeFile.read(folder);
        } catch (IOException e) {
            return crashed(simulation, folder, runFolder.orElse(null), folder.resolve(OutcomeFile.NAME) + " is unreadable ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Path summaryFile = runFolder.map(dir -> dir.resolve(SUMMARY_FILE))
                .filter(Files::isRegularFile)
                .orElse(folder.resolve(SUMMARY_FILE));
        if (!Files.isRegularFile(summaryFile)) {
            if (written.isPresent() && written.get().kind() != Outcome.Kind.FAIL) {
                // Refused before any load, or not judged: there is no summary to expect.
                return new SimulationRun(simulation, folder, runFolder.orElse(null), null, written.get().line(), written.get());
            }
            String where = runFolder.map(Path::toString).orElse(folder.toString());
            return crashed(simulation, folder, runFolder.orElse(null), "no " + SUMMARY_FILE + " in " + where
                    + ": the run crashed before Aftershock wrote it; see " + folder.resolve(CONSOLE_LOG));
        }
        try {
            RunSummary summary = SummaryJson.read(summaryFile);
            Outcome outcome = mavenDisagrees(folder, written.orElseGet(() -> Outcome.of(summary)));
            return new SimulationRun(simulation, folder, runFolder.orElse(null), summary, null, outcome);
        } catch (IOException e) {
            return crashed(simulation, folder, runFolder.orElse(null), summaryFile + " is unreadable ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** run-tests.sh leaves the exit status of a Maven that failed beside a PASS or WARN: the run passes only if both agree. */
    private static Outcome mavenDisagrees(Path folder, Outcome outcome) throws IOException {
        Path status = folder.resolve(MAVEN_EXIT_STATUS);
        if (!Files.isRegularFile(status) || outcome.kind().exitCode() != 0) {
            return outcome;
        }
        return new Outcome(Outcome.Kind.FAIL, "mvn exited " + Files.readString(status).strip() + " although the verdict was "
                + outcome.kind() + ": see " + folder.resolve(CONSOLE_LOG));
    }

    private static SimulationRun crashed(String simulation, Path folder, Path runFolder, String problem) {
        return new SimulationRun(simulation, folder, runFolder, null, problem, new Outcome(Outcome.Kind.FAIL, problem));
    }

    /** A run that left no readable summary.json. */
    public boolean crashed() {
        return summary == null;
    }

    /** Why a run has no summary, in a word for report tables: "bad input", "no verdict" or "crashed". */
    public String noSummaryReason() {
        return switch (outcome.kind()) {
            case BAD_INPUT -> "bad input";
            case NO_VERDICT -> "no verdict";
            case INVALID -> "generator overloaded";
            default -> "crashed";
        };
    }

    /**
     * The thresholds' verdict; FAIL for a run with no verdict or an INVALID one (a run that could not judge is not
     * green), and for one whose Maven failed.
     */
    public Verdict verdict() {
        return invalid() || outcome.kind() == Outcome.Kind.FAIL ? Verdict.FAIL : Figures.verdictOf(summary);
    }

    /** A run whose load generator did not keep up: it has a summary, and no verdict. */
    public boolean invalid() {
        return outcome.kind() == Outcome.Kind.INVALID;
    }

    /** The result as report tables show it: "PASS", "WARN", "FAIL" or "INVALID". */
    public String result() {
        return invalid() ? Outcome.Kind.INVALID.name() : verdict().name();
    }

    /** Gatling's HTML report, when it was written. */
    public Optional<Path> gatlingReport() {
        return Optional.ofNullable(runFolder).map(dir -> dir.resolve("index.html")).filter(Files::isRegularFile);
    }

    /** The last {@code lineCount} lines of the console log, to show why a run crashed. */
    public String consoleTail(int lineCount) {
        Path log = folder.resolve(CONSOLE_LOG);
        if (!Files.isRegularFile(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - lineCount), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Gatling names run folders {@code <simulation>-<timestamp>}; the newest sorts last. */
    private static Optional<Path> newestRunFolder(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory)
                    .filter(dir -> Files.isRegularFile(dir.resolve(SUMMARY_FILE)) || Files.isRegularFile(dir.resolve("index.html")))
                    .max(Comparator.comparing((Path dir) -> Files.isRegularFile(dir.resolve(SUMMARY_FILE)))
                            .thenComparing(dir -> dir.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
