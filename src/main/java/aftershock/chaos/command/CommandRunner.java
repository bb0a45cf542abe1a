package aftershock.chaos.command;

import java.time.Duration;

/**
 * Runs one of the user's commands: the seam every command fault goes through, so a test checks what would run
 * without running it.
 *
 * <pre>
 *   CommandResult killed = runner.run("docker compose kill redis", Duration.ofSeconds(30));
 * </pre>
 */
@FunctionalInterface
public interface CommandRunner {

    /** Runs {@code command} and waits for it at most {@code timeout}; never throws for a failing command. */
    CommandResult run(String command, Duration timeout);
}
