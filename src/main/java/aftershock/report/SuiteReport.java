package aftershock.report;

import aftershock.verdict.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Command line behind {@code run-tests.sh}: reads what the simulations left and writes the run-level outputs.
 *
 * <pre>
 *   java -cp ... aftershock.report.SuiteReport outcome results/20250101_020000/SpikeLoad   # PASS, WARN, FAIL, BAD_INPUT, NO_VERDICT or INVALID
 *   java -cp ... aftershock.report.SuiteReport write results/20250101_020000 SustainedLoad SpikeLoad
 * </pre>
 *
 * {@code outcome} reads the simulation's outcome.json (or its summary.json; neither means it crashed: FAIL).
 * {@code write} exits 0 when the suite passed or warned, 1 when any simulation failed or crashed, 2 on bad usage.
 */
public final class SuiteReport {

    private static final String USAGE = """
            usage: SuiteReport outcome <simulationFolder>
                   SuiteReport write <suiteFolder> [SimulationName ...]""";

    private SuiteReport() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length < 2) {
            System.err.println(USAGE);
            return 2;
        }
        Path folder = Path.of(args[1]);
        switch (args[0]) {
            case "outcome" -> {
                SimulationRun run = SimulationRun.read(folder);
                if (run.crashed()) {
                    System.err.println(run.problem());
                }
                System.out.println(run.outcome().kind());
                return 0;
            }
            case "write" -> {
                if (!Files.isDirectory(folder)) {
                    System.err.println("aftershock: suite folder " + folder + " does not exist: pass the results/<timestamp> folder of a run");
                    return 2;
                }
                List<String> names = Arrays.asList(args).subList(2, args.length);
                SuiteResults suite = names.isEmpty() ? SuiteResults.read(folder) : SuiteResults.read(folder, names);
                try {
                    writeAll(suite);
                } catch (IOException e) {
                    System.err.println("aftershock: cannot write the suite report into " + folder + ": " + e.getMessage());
                    return 3;
                }
                return suite.verdict() == Verdict.FAIL ? 1 : 0;
            }
            default -> {
                System.err.println("aftershock: unknown report command '" + args[0] + "'\n" + USAGE);
                return 2;
            }
        }
    }

    /** Writes summary.md, summary.json, junit.xml and index.html into the suite folder. */
    public static List<Path> writeAll(SuiteResults suite) throws IOException {
        return List.of(MarkdownSummary.write(suite), SuiteJson.write(suite), JunitXml.write(suite), HtmlReport.write(suite));
    }
}
