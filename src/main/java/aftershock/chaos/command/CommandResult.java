package aftershock.chaos.command;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one of the user's commands did: its exit code (or that it ran out of time) and what it printed.
 *
 * @param command  the command line, as configured
 * @param exitCode the exit code; -1 when it was stopped at its timeout
 * @param output   standard output and error, interleaved
 * @param took     how long it ran
 * @param timedOut true when it was still running at its timeout and was stopped
 */
public record CommandResult(String command, int exitCode, String output, Duration took, boolean timedOut) {

    private static final int SHOWN_LINES = 5;
    private static final int SHOWN_CHARACTERS = 400;

    /** True when it exited 0 within its timeout. */
    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** One line for the log and the report: "`kill 42` exited 0 in 0.01 s: (no output)". */
    public String summary() {
        String ended = timedOut ? "was stopped after " + seconds() + " s (its timeout)"
                : "exited " + exitCode + " in " + seconds() + " s";
        return "`" + command + "` " + ended + ": " + shownOutput();
    }

    /** The output's last lines, joined with " | ", at most a few hundred characters; "(no output)" when empty. */
    public String shownOutput() {
        List<String> lines = Arrays.stream(output.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "(no output)";
        }
        String shown = String.join(" | ", lines.subList(Math.max(0, lines.size() - SHOWN_LINES), lines.size()));
        return shown.length() <= SHOWN_CHARACTERS ? shown : "..." + shown.substring(shown.length() - SHOWN_CHARACTERS);
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.2f", took.toMillis() / 1000.0);
    }
}
