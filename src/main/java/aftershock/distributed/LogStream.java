package aftershock.distributed;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file an injector pod sends through its own log, so the coordinator gets it without a shared disk: a begin
 * line, the file's lines each behind a prefix, and an end line with the line count and the SHA-256 of the text.
 * The coordinator keeps a file only when its end line came and the count and checksum match; a stream cut short
 * (pod killed, log rotated before it was followed) or altered is a loss, never a file.
 *
 * <pre>
 *   LogStream.send(2, "requests.hlog", Files.readString(log), System.out);   // in the pod
 *   LogStream.Reader reader = new LogStream.Reader(2);                        // in the coordinator, per pod
 *   podLogLines.forEach(reader::accept);
 *   Optional&lt;String&gt; text = reader.file("requests.hlog");                   // empty unless whole and intact
 * </pre>
 */
public final class LogStream {

    static final String PREFIX = "aftershock-stream ";

    private LogStream() {
    }

    /** Writes {@code text} as file {@code name} of injector {@code index} to {@code out}, begin to end. */
    public static void send(int index, String name, String text, PrintStream out) {
        List<String> lines = text.lines().toList();
        StringBuilder block = new StringBuilder();
        block.append(PREFIX).append("begin ").append(index).append(' ').append(name).append('\n');
        for (String line : lines) {
            block.append(PREFIX).append(index).append(' ').append(name).append(" | ").append(line).append('\n');
        }
        block.append(PREFIX).append("end ").append(index).append(' ').append(name).append(" lines=").append(lines.size())
                .append(" sha256=").append(sha256(lines)).append('\n');
        // One write, so other output of the JVM does not land between the lines.
        out.print(block);
        out.flush();
    }

    static String sha256(List<String> lines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Gathers the files of one injector from its log, line by line as the log is followed. */
    public static final class Reader {

        private final int index;
        private final Map<String, List<String>> open = new LinkedHashMap<>();
        private final Map<String, String> whole = new LinkedHashMap<>();
        private final Map<String, String> broken = new LinkedHashMap<>();

        public Reader(int index) {
            this.index = index;
        }

        /** One line of the pod's log; lines that are not part of a stream are ignored. */
        public synchronized void accept(String logLine) {
            int at = logLine.indexOf(PREFIX);
            if (at < 0) {
                return;
            }
            String rest = logLine.substring(at + PREFIX.length());
            String own = index + " ";
            if (rest.startsWith("begin " + own)) {
                String name = rest.substring(("begin " + own).length()).trim();
                open.put(name, new ArrayList<>());
                whole.remove(name);
                broken.remove(name);
            } else if (rest.startsWith("end " + own)) {
                end(rest.substring(("end " + own).length()));
            } else if (rest.startsWith(own)) {
                String body = rest.substring(own.length());
                int bar = body.indexOf(" | ");
                if (bar > 0 && open.containsKey(body.substring(0, bar))) {
                    open.get(body.substring(0, bar)).add(body.substring(bar + 3));
                }
            }
        }

        private void end(String text) {
            String[] parts = text.trim().split(" ");
            String name = parts[0];
            List<String> lines = open.remove(name);
            if (lines == null) {
                broken.put(name, "its end line came without its begin line (the head of the log was lost)");
                return;
            }
            String expectedLines = parts.length > 1 ? parts[1].replace("lines=", "") : "?";
            String expectedSum = parts.length > 2 ? parts[2].replace("sha256=", "") : "?";
            if (!expectedLines.equals(Integer.toString(lines.size()))) {
                broken.put(name, "it announced " + expectedLines + " lines and " + lines.size() + " arrived");
            } else if (!expectedSum.equals(sha256(lines))) {
                broken.put(name, "its checksum does not match (sent sha256=" + expectedSum + ", received "
                        + sha256(lines) + ")");
            } else {
                whole.put(name, String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
            }
        }

        /** The file's text, only when its stream ended and its count and checksum matched. */
        public synchronized Optional<String> file(String name) {
            return Optional.ofNullable(whole.get(name));
        }

        /** Why file {@code name} is missing: one clause naming what went wrong; empty when it arrived whole. */
        public synchronized Optional<String> problem(String name) {
            if (whole.containsKey(name)) {
                return Optional.empty();
            }
            if (broken.containsKey(name)) {
                return Optional.of(name + " from injector " + index + " is corrupt: " + broken.get(name));
            }
            if (open.containsKey(name)) {
                return Optional.of(name + " from injector " + index + " was cut off after " + open.get(name).size()
                        + " lines: its end line never came (the pod died or its log stopped)");
            }
            return Optional.of("injector " + index + " never sent " + name + " (its stream never began)");
        }
    }
}
