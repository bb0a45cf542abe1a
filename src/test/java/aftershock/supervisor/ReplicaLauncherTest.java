package aftershock.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import aftershock.process.LocalPorts;
import aftershock.waiting.WaitTimeoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the wait for a starting replica ends: healthy, refused argument, early death, or time up. */
class ReplicaLauncherTest {

    @TempDir
    Path runDir;

    private Process process;

    @AfterEach
    void stopProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void extraJvmOptionsComeAfterTheLaunchersOwnAndBeforeTheProgram() {
        // Given a launcher with extra JVM options, one overriding the launcher's heap
        ReplicaLauncher launcher = new ReplicaLauncher(runDir.resolve("key.json"), null,
                List.of("-Xmx512m", "-XX:StartFlightRecording=duration=30s"));
        ReplicaCommand replica = new ReplicaCommand(8081, "replica-0", null, List.of(), "aftershock",
                "admin", "admin123", List.of(), Duration.ZERO, 0, 8, null);

        // When it builds the command line
        List<String> command = launcher.command(replica);

        // Then the extra options follow the launcher's -Xmx256m (the last one wins) and precede the main class
        int own = command.indexOf("-Xmx256m");
        int extra = command.indexOf("-Xmx512m");
        int flight = command.indexOf("-XX:StartFlightRecording=duration=30s");
        int main = command.indexOf(ReplicaCommand.MAIN_CLASS);
        assertThat(own).isNotNegative();
        assertThat(extra).isGreaterThan(own).isLessThan(main);
        assertThat(flight).isEqualTo(extra + 1).isLessThan(main);
    }

    @Test
    void aReplicaThatRefusesAnArgumentStopsTheWaitWithTheProgramsOwnLine() throws IOException {
        // Given the real built-in program started with a misspelt defect
        Replica replica = new Replica(0, LocalPorts.freePort(), runDir.resolve("replica-0.log"));
        ReplicaCommand command = new ReplicaCommand(replica.port(), replica.id(), null, List.of(), "aftershock",
                "admin", "admin123", List.of("no-fallbak"), Duration.ZERO, 0, 8, null);
        process = new ReplicaLauncher(Files.writeString(runDir.resolve("key.json"), "{}")).launch(command, replica.logFile());
        long started = System.nanoTime();

        // When the supervisor waits for its /health
        Throwable thrown = catchThrowable(() -> ReplicaLauncher.awaitHealthy(replica, process, Duration.ofSeconds(60)));

        // Then the wait stops as soon as the program exits, with its one line
        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown defect 'no-fallbak'");
        assertThat(thrown.getMessage()).doesNotContain("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aReplicaThatDiesBeforeAnsweringStopsTheWaitWithItsLogTail() throws IOException {
        // Given a process that writes a line and exits with code 3
        Replica replica = new Replica(1, LocalPorts.freePort(), runDir.resolve("replica-1.log"));
        process = shell("echo 'redis connection failed'; exit 3", replica.logFile());
        long started = System.nanoTime();

        // When the supervisor waits for its /health
        Throwable thrown = catchThrowable(() -> ReplicaLauncher.awaitHealthy(replica, process, Duration.ofSeconds(60)));

        // Then the wait stops at once and shows the exit code and the log
        assertThat(thrown).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replica-1 (pid " + process.pid() + ") exited with code 3 before answering /health")
                .hasMessageContaining(replica.logFile().toString())
                .hasMessageContaining("redis connection failed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aReplicaThatNeverListensTimesOutWithWhatWasAwaitedTheLastAnswerAndItsLog() throws IOException {
        // Given a process that runs but never listens on its port
        Replica replica = new Replica(2, LocalPorts.freePort(), runDir.resolve("replica-2.log"));
        process = shell("echo 'still loading the catalogue'; exec sleep 30", replica.logFile());

        // When the supervisor waits a second for its /health
        Throwable thrown = catchThrowable(() -> ReplicaLauncher.awaitHealthy(replica, process, Duration.ofSeconds(1)));

        // Then the message says what was awaited, what was last seen and where to look
        assertThat(thrown).isInstanceOf(WaitTimeoutException.class)
                .hasMessageStartingWith("timed out after 1 s waiting for replica-2 (pid " + process.pid()
                        + ") to answer 200 at " + replica.url() + "/health: last seen connection refused; its log ends with:")
                .hasMessageContaining("still loading the catalogue")
                .hasMessageEndingWith("see the whole log at " + replica.logFile());
    }

    private static Process shell(String script, Path logFile) throws IOException {
        return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    }
}
