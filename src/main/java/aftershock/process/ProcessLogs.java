package aftershock.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the end of a child process's log file for error messages. */
public final class ProcessLogs {

    private ProcessLogs() {
    }

    /** The last {@code lines} lines of the file, or a note that it is missing or unreadable. */
    public static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log file " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** For a timeout message: "its log ends with:\n...\n— see the whole log at FILE", or that it is empty. */
    public static String endOf(Path file, int lines) {
        String tail = tail(file, lines);
        return (tail.isBlank() ? "its log is empty" : "its log ends with:" + System.lineSeparator() + tail
                + System.lineSeparator()) + "— see the whole log at " + file;
    }
}
