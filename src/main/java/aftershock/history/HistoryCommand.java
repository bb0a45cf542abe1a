package aftershock.history;

import aftershock.report.SummaryJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./run-tests.sh history <resultsDir> [--keep N] [--out DIR]}: writes history.html and history.json from every
 * run folder in resultsDir (into it, or DIR). Exits 0, or 2 on bad usage or an unreadable folder.
 */
public final class HistoryCommand {

    static final String USAGE = "usage: ./run-tests.sh history <resultsDir> [--keep N] [--out DIR]";
    static final String JSON_FILE = "history.json";
    static final int DEFAULT_KEEP = 60;

    private HistoryCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path results = null;
        Path outDir = null;
        int keep = DEFAULT_KEEP;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--keep") || arg.equals("--out")) {
                if (i + 1 >= args.length) {
                    err.println("history: " + arg + " needs a value\n" + USAGE);
                    return 2;
                }
                String value = args[++i];
                if (arg.equals("--out")) {
                    outDir = Path.of(value);
                    continue;
                }
                try {
                    keep = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    keep = 0;
                }
                if (keep < 2) {
                    err.println("history: --keep '" + value + "' is not a count of 2 runs or more: give one such as 60\n" + USAGE);
                    return 2;
                }
            } else if (arg.startsWith("--") || results != null) {
                err.println("history: unexpected '" + arg + "'\n" + USAGE);
                return 2;
            } else {
                results = Path.of(arg);
            }
        }
        if (results == null) {
            err.println("history: name the results folder\n" + USAGE);
            return 2;
        }
        History history;
        try {
            history = HistoryReader.read(results, keep, EDivisive.defaults());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path target = outDir == null ? results : outDir;
        try {
            Files.createDirectories(target);
            SummaryJson.write(history, target.resolve(JSON_FILE));
            Files.writeString(target.resolve(HistoryHtml.FILE), HistoryHtml.render(history), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("history: cannot write into " + target + ": " + e.getMessage());
            return 2;
        }
        long changes = history.simulations().stream().flatMap(simulation -> simulation.figures().stream())
                .mapToLong(series -> series.changePoints().size()).sum();
        out.println("history: " + history.simulations().size() + " series, " + changes + " change point(s); wrote "
                + target.resolve(HistoryHtml.FILE) + " and " + target.resolve(JSON_FILE));
        return 0;
    }
}
