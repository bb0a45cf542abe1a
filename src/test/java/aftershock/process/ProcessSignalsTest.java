package aftershock.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessSignalsTest {

    private Process victim;
    private Process runner;

    @AfterEach
    void killWhatWeStarted() {
        if (victim != null) {
            victim.destroyForcibly();
        }
        if (runner != null) {
            runner.destroyForcibly();
        }
    }

    private static Process sleeper() throws IOException {
        return new ProcessBuilder("sleep", "60").start();
    }

    @Test
    void pausesAProcessUntilItIsResumed() throws IOException {
        // Given a running process
        victim = sleeper();
        ProcessSignals signals = ProcessSignals.kill();

        // When it is paused, then resumed
        signals.pause(victim.toHandle());
        char paused = ProcessSignals.state(victim.toHandle());
        signals.resume(victim.toHandle());

        // Then it was stopped in between, and no longer is
        assertThat(paused).isEqualTo('T');
        await().atMost(Duration.ofSeconds(2)).until(() -> ProcessSignals.state(victim.toHandle()) != 'T');
    }

    @Test
    void aPausedProcessIsResumedWhenTheRunnerThatPausedItDies() throws IOException {
        // Given a process paused on behalf of a runner
        runner = sleeper();
        victim = sleeper();
        ProcessSignals.kill(runner.pid()).pause(victim.toHandle());
        assertThat(ProcessSignals.state(victim.toHandle())).isEqualTo('T');

        // When the runner dies without resuming it
        runner.destroyForcibly();

        // Then the guard resumes it
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessSignals.state(victim.toHandle()) != 'T');
        assertThat(victim.isAlive()).isTrue();
    }
}
