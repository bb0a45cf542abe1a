package aftershock.chaos.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as {@code sh -c '<command>'} would in a terminal, in the directory Aftershock was started from. A
 * command still running at its timeout is stopped, with every process it started.
 *
 * <pre>
 *   CommandResult result = new ShellCommands().run("systemctl kill redis", Duration.ofSeconds(30));
 * </pre>
 */
public final class ShellCommands implements CommandRunner {

    @Override
    public CommandResult run(String command, Duration timeout) {
        Instant start = Instant.now();
        Path output = null;
        try {
            output = Files.createTempFile("aftershock-command", ".out");
            Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            return new CommandResult(command, exited ? process.exitValue() : -1,
                    Files.readString(output, StandardCharsets.UTF_8), Duration.between(start, Instant.now()), !exited);
        } catch (IOException e) {
            return new CommandResult(command, 127, "could not run sh -c: " + e.getMessage(),
                    Duration.between(start, Instant.now()), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(command, -1, "interrupted", Duration.between(start, Instant.now()), true);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
