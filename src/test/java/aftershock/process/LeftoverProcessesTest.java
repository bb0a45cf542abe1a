package aftershock.process;

import static org.assertj.core.api.Assertions.assertThat;

import aftershock.process.LeftoverProcesses.Action;
import aftershock.process.LeftoverProcesses.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessesTest {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final List<Long> killed = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    private LeftoverProcesses registry() {
        return new LeftoverProcesses(dir.resolve("processes.json"), process -> {
            killed.add(process.pid());
            ProcessKiller.sigkill().kill(process);
        });
    }

    private Process sleeper() throws Exception {
        Process process = new ProcessBuilder("sleep", "60").start();
        started.add(process);
        return process;
    }

    /** An owner that has exited: what a JVM killed with kill -9 looks like to the next run. */
    private static RecordedProcess orphaned(ProcessHandle process, Instant startedAt) throws Exception {
        Process owner = new ProcessBuilder("true").start();
        owner.waitFor(5, TimeUnit.SECONDS);
        Instant ownerStart = owner.toHandle().info().startInstant().orElse(Instant.EPOCH);
        return new RecordedProcess(process.pid(), startedAt, "sleep 60", owner.pid(), ownerStart);
    }

    @Test
    void killsARecordedOrphanWhoseStartInstantMatches() throws Exception {
        // Given a recorded process whose starting JVM is gone
        Process orphan = sleeper();
        LeftoverProcesses registry = registry();
        registry.record(orphaned(orphan.toHandle(), orphan.toHandle().info().startInstant().orElseThrow()));

        // When the next run cleans up
        List<Outcome> outcomes = registry.killLeftovers();

        // Then it is killed and forgotten
        assertThat(outcomes).extracting(Outcome::action).containsExactly(Action.KILLED);
        assertThat(killed).containsExactly(orphan.pid());
        assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(registry.recorded()).isEmpty();
    }

    @Test
    void refusesAPidWhoseStartInstantDoesNotMatch() throws Exception {
        // Given a record of the same pid but another start instant (the pid was reused)
        Process stranger = sleeper();
        LeftoverProcesses registry = registry();
        Instant otherStart = stranger.toHandle().info().startInstant().orElseThrow().minus(Duration.ofHours(1));
        registry.record(orphaned(stranger.toHandle(), otherStart));

        // When the next run cleans up
        List<Outcome> outcomes = registry.killLeftovers();

        // Then the process is left alone
        assertThat(outcomes).extracting(Outcome::action).containsExactly(Action.REFUSED_PID_REUSED);
        assertThat(killed).isEmpty();
        assertThat(stranger.isAlive()).isTrue();
        assertThat(registry.recorded()).isEmpty();
    }

    @Test
    void keepsProcessesWhoseOwnerStillRuns() throws Exception {
        // Given a process recorded by this (running) JVM
        Process mine = sleeper();
        LeftoverProcesses registry = registry();
        registry.record(mine.toHandle(), "sleep 60");

        // When another run cleans up
        List<Outcome> outcomes = registry.killLeftovers();

        // Then it is not touched and stays recorded until forgotten
        assertThat(outcomes).extracting(Outcome::action).containsExactly(Action.KEPT_OWNER_RUNNING);
        assertThat(mine.isAlive()).isTrue();
        registry.forget(mine.pid());
        assertThat(registry.recorded()).isEmpty();
    }
}
