package aftershock.chaos.command;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Commands run through sh as in a terminal; one that hangs is stopped at its timeout, with what it started. */
class ShellCommandsTest {

    private final ShellCommands shell = new ShellCommands();

    @Test
    void keepsTheExitCodeAndTheOutputOfBothStreams() {
        // When
        CommandResult result = shell.run("echo out; echo err >&2; exit 3", Duration.ofSeconds(10));

        // Then
        assertThat(result.ok()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("out", "err");
        assertThat(result.summary()).startsWith("`echo out; echo err >&2; exit 3` exited 3 in ");
    }

    @Test
    void aCommandStillRunningAtItsTimeoutIsStoppedWithItsChildren() {
        // When
        CommandResult result = shell.run("sleep 30 & echo started $!; wait", Duration.ofMillis(500));

        // Then
        assertThat(result.timedOut()).isTrue();
        assertThat(result.ok()).isFalse();
        assertThat(result.took()).isLessThan(Duration.ofSeconds(10));
        long child = Long.parseLong(result.output().strip().replace("started ", ""));
        await("the sleep it started, pid " + child + ", gone").atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    }

    @Test
    void showsOnlyTheLastLinesOfALongOutput() {
        // When
        CommandResult result = shell.run("seq 1 100", Duration.ofSeconds(10));

        // Then
        assertThat(result.ok()).isTrue();
        assertThat(result.shownOutput()).isEqualTo("96 | 97 | 98 | 99 | 100");
    }
}
