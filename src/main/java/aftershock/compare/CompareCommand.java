package aftershock.compare;

import aftershock.history.BaselineCommand;
import aftershock.report.SuiteResults;
import aftershock.report.SummaryJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./run-tests.sh compare <baselineDir> <currentDir> [--tolerance PCT] [--fail-on-regression] [--out DIR]}:
 * writes compare.md and compare.html into the current run's folder (or DIR). Exits 0, or 1 when
 * {@code --fail-on-regression} is given and something regressed or a run had no verdict (INVALID: its generator did
 * not keep up), or 2 on bad usage or unreadable folders.
 */
public final class CompareCommand {

    static final String USAGE =
            "usage: ./run-tests.sh compare <baselineDir> <currentDir> [--tolerance PCT] [--p95-floor MS] [--p99-floor MS]"
            + " [--fail-on-regression] [--out DIR]";

    private CompareCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> folders = new ArrayList<>();
        double tolerancePercent = Tolerance.DEFAULT_PERCENT;
        double p95FloorMillis = Tolerance.DEFAULT_P95_FLOOR_MILLIS;
        double p99FloorMillis = Tolerance.DEFAULT_P99_FLOOR_MILLIS;
        boolean failOnRegression = false;
        Path outDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--fail-on-regression" -> failOnRegression = true;
                case "--tolerance", "--out", "--p95-floor", "--p99-floor" -> {
                    if (i + 1 >= args.length) {
                        err.println("compare: " + arg + " needs a value\n" + USAGE);
                        return 2;
                    }
                    String value = args[++i];
                    if (arg.equals("--out")) {
                        outDir = Path.of(value);
                    } else if (arg.endsWith("-floor")) {
                        Double millis = millis(value);
                        if (millis == null) {
                            err.println("compare: " + arg + " '" + value + "' is not a number of milliseconds (0 or more):"
                                    + " give one such as 150\n" + USAGE);
                            return 2;
                        }
                        if (arg.equals("--p95-floor")) {
                            p95FloorMillis = millis;
                        } else {
                            p99FloorMillis = millis;
                        }
                    } else {
                        try {
                            tolerancePercent = Double.parseDouble(value.replace("%", ""));
                        } catch (NumberFormatException e) {
                            err.println("compare: --tolerance '" + value + "' is not a number: give a percentage such as 10\n" + USAGE);
                            return 2;
                        }
                        if (!(tolerancePercent >= 0)) {
                            err.println("compare: --tolerance must be 0 or more, got " + value);
                            return 2;
                        }
                    }
                }
                default -> {
                    if (arg.startsWith("--")) {
                        err.println("compare: unknown option '" + arg + "'\n" + USAGE);
                        return 2;
                    }
                    folders.add(arg);
                }
            }
        }
        if (folders.size() != 2) {
            err.println("compare: expected a baseline and a current folder, got " + folders.size() + "\n" + USAGE);
            return 2;
        }
        SuiteResults baseline;
        SuiteResults current;
        try {
            baseline = readSuite("baseline", Path.of(folders.get(0)));
            current = readSuite("current", Path.of(folders.get(1)));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path target = outDir == null ? current.dir() : outDir;
        SuiteComparison comparison = SuiteComparison.of(baseline, current,
                Tolerance.ofPercent(tolerancePercent).withTailFloors(p95FloorMillis, p99FloorMillis));
        try {
            Files.createDirectories(target);
            CompareMarkdown.write(comparison, target);
            CompareHtml.write(comparison, target);
            SummaryJson.write(new BaselineCommand.Compared(comparison.baseline(), comparison.regressions(),
                    comparison.noVerdicts()), target.resolve(BaselineCommand.COMPARED_FILE));
        } catch (IOException e) {
            err.println("compare: cannot write the comparison into " + target + ": " + e.getMessage());
            return 2;
        }
        List<String> regressions = comparison.regressions();
        out.println("compare: " + (regressions.isEmpty() ? "no regressions" : regressions.size() + " regression(s): "
                + String.join(", ", regressions)) + " (" + comparison.tolerance().describe() + ")");
        List<String> noVerdicts = comparison.noVerdicts();
        noVerdicts.forEach(line -> out.println("compare: no verdict for " + line));
        out.println("compare: wrote " + target.resolve(CompareHtml.FILE) + " and " + target.resolve(CompareMarkdown.FILE));
        // A night that could not judge is not green.
        return failOnRegression && !(regressions.isEmpty() && noVerdicts.isEmpty()) ? 1 : 0;
    }

    private static Double millis(String value) {
        try {
            double millis = Double.parseDouble(value.replace("ms", "").trim());
            return millis >= 0 ? millis : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static SuiteResults readSuite(String role, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("compare: " + role + " folder " + dir
                    + " does not exist: pass a results/<timestamp> folder written by run-tests.sh");
        }
        SuiteResults suite = SuiteResults.read(dir);
        if (suite.runs().isEmpty()) {
            throw new IllegalArgumentException("compare: " + role + " folder " + dir
                    + " holds no simulation folders: pass a results/<timestamp> folder written by run-tests.sh");
        }
        // A current run that crashed everywhere is the worst night of all: compared, not refused.
        if (role.equals("baseline") && suite.runs().stream().allMatch(run -> run.crashed())) {
            throw new IllegalArgumentException("compare: " + role + " folder " + suite.dir()
                    + " has no readable summary.json in any simulation folder: nothing to compare");
        }
        return suite;
    }
}
