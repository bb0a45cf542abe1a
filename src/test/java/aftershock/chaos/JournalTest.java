package aftershock.chaos;

import aftershock.chaos.JournalEntry.Action;
import aftershock.chaos.JournalEntry.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class JournalTest {

    private static final RestoreRecipe WAIT_FOR_REDIS = new RestoreRecipe.WaitForPods("staging", "app=redis", 1);

    @TempDir
    Path directory;

    @Test
    void journalEntryIsOnDiskBeforeTheWrappedInjectRuns() {
        // Given a fault that reads the journal file from inside its inject()
        Journal journal = new Journal(directory, "run-1", Clock.systemUTC());
        AtomicReference<List<JournalEntry>> onDiskDuringInject = new AtomicReference<>();
        RecordingFault redisKill = new RecordingFault("redis-kill").duringInject(
                () -> onDiskDuringInject.set(new Journal(directory, "reader", Clock.systemUTC()).entries()));

        // When
        new Journaled(redisKill, journal, () -> WAIT_FOR_REDIS).inject();

        // Then
        assertThat(onDiskDuringInject.get())
                .extracting(JournalEntry::runId, JournalEntry::faultName, JournalEntry::action, JournalEntry::state,
                        JournalEntry::recipe)
                .containsExactly(tuple("run-1", "redis-kill", Action.INJECT, State.STARTED, WAIT_FOR_REDIS));
    }

    @Test
    void theRestoreCommandOfACrashedRunIsReadBackAndRunByTheNextRun() {
        // Given a run that died after injecting a command fault
        RestoreRecipe startRedis = new RestoreRecipe.RunCommand("docker compose start redis", 30_000);
        new Journaled(new RecordingFault("redis-kill"), new Journal(directory, "crashed", Clock.systemUTC()),
                () -> startRedis).inject();
        List<RestoreRecipe> ran = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        // When the next run opens
        List<JournalEntry> failed = FaultGuard.recoverFromPreviousRun(new Journal(directory, "next", Clock.systemUTC()),
                ran::add, new PrintStream(console, true, StandardCharsets.UTF_8));

        // Then
        assertThat(failed).isEmpty();
        assertThat(ran).containsExactly(startRedis);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("restoring: run `docker compose start redis`");
    }

    @Test
    void recordsEachStepOfInjectAndRestore() {
        // Given
        Journal journal = new Journal(directory, "run-1", Clock.systemUTC());
        Fault redisKill = new Journaled(new RecordingFault("redis-kill"), journal, () -> WAIT_FOR_REDIS);

        // When
        redisKill.inject();
        redisKill.restore();
        redisKill.restore();

        // Then
        assertThat(journal.entries())
                .extracting(JournalEntry::action, JournalEntry::state, JournalEntry::description)
                .containsExactly(
                        tuple(Action.INJECT, State.STARTED, "break redis-kill"),
                        tuple(Action.INJECT, State.DONE, "break redis-kill"),
                        tuple(Action.RESTORE, State.STARTED, "break redis-kill"),
                        tuple(Action.RESTORE, State.DONE, "break redis-kill"));
        assertThat(journal.entries()).extracting(JournalEntry::injectionId).containsOnly("run-1#1");
    }

    @Test
    void recordsAFailedInjectAndDoesNotAskToRestoreIt() {
        // Given
        Journal crashed = new Journal(directory, "run-1", Clock.systemUTC());
        Fault podKill = new Journaled(new RecordingFault("pod-kill")
                .failingInject(new FaultException("no pods match selector 'app=web'")), crashed,
                () -> new RestoreRecipe.WaitForPods("staging", "app=web", 2));

        // When
        assertThatThrownBy(podKill::inject).hasMessage("no pods match selector 'app=web'");

        // Then
        assertThat(crashed.entries()).last()
                .extracting(JournalEntry::state, JournalEntry::failure)
                .containsExactly(State.FAILED, "no pods match selector 'app=web'");
        assertThat(new Journal(directory, "run-2", Clock.systemUTC()).unrestored()).isEmpty();
    }

    @Test
    void aRunThatCrashesMidFaultIsRestoredByTheNextRunExactlyOnce() {
        // Given a run that injected and then died: its objects are dropped, only the file remains
        Journal firstRun = new Journal(directory, "run-1", Clock.systemUTC());
        new Journaled(new RecordingFault("redis-kill"), firstRun, () -> WAIT_FOR_REDIS).inject();
        new Journaled(new RecordingFault("pod-kill"), firstRun, () -> new RestoreRecipe.NothingToRestore("healed"))
                .inject();
        Fault restoredInTime = new Journaled(new RecordingFault("redis-failover"), firstRun,
                () -> new RestoreRecipe.NothingToRestore("sentinel promotes a replica"));
        restoredInTime.inject();
        restoredInTime.restore();

        // When the next run starts on the same file
        Journal nextRun = Journal.inDirectory(directory);
        List<RestoreRecipe> ran = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<JournalEntry> unrestored = nextRun.unrestored();
        List<JournalEntry> stillBroken = FaultGuard.recoverFromPreviousRun(nextRun, ran::add,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        List<JournalEntry> secondRecovery = FaultGuard.recoverFromPreviousRun(nextRun, ran::add,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        // Then each unrestored fault's recipe ran once, and the journal knows they are restored
        assertThat(unrestored).extracting(JournalEntry::faultName).containsExactly("redis-kill", "pod-kill");
        assertThat(ran).containsExactly(WAIT_FOR_REDIS, new RestoreRecipe.NothingToRestore("healed"));
        assertThat(stillBroken).isEmpty();
        assertThat(secondRecovery).isEmpty();
        assertThat(Journal.inDirectory(directory).unrestored()).isEmpty();
        assertThat(console.toString(StandardCharsets.UTF_8).lines())
                .hasSize(2)
                .first().asString()
                .matches("previous run ended mid-fault: redis-kill injected \\d\\d:\\d\\d:\\d\\d, never restored; "
                        + "restoring: wait for 1 Ready pod\\(s\\) app=redis in namespace 'staging'");
    }

    @Test
    void aRecoveryThatFailsStaysUnrestoredForTheNextRun() {
        // Given
        Journal firstRun = new Journal(directory, "run-1", Clock.systemUTC());
        new Journaled(new RecordingFault("redis-kill"), firstRun, () -> WAIT_FOR_REDIS).inject();
        Journal secondRun = new Journal(directory, "run-2", Clock.systemUTC());
        RecipeRunner failing = recipe -> {
            throw new FaultException("pods app=redis did not get back to 1 Ready within 60s");
        };

        // When
        List<JournalEntry> stillBroken = FaultGuard.recoverFromPreviousRun(secondRun, failing,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        // Then
        assertThat(stillBroken).extracting(JournalEntry::faultName).containsExactly("redis-kill");
        assertThat(new Journal(directory, "run-3", Clock.systemUTC()).unrestored())
                .extracting(JournalEntry::faultName).containsExactly("redis-kill");
    }

    @Test
    void everyRecipeSurvivesTheRoundTripThroughTheFile() {
        // Given
        Journal journal = new Journal(directory, "run-1", Clock.systemUTC());
        List<RestoreRecipe> recipes = List.of(
                new RestoreRecipe.KillLeftoverProcess(4242, 1_700_000_000_000L, "redis-server --port 6390"),
                WAIT_FOR_REDIS,
                new RestoreRecipe.NothingToRestore("latency fault ends with the proxy"));

        // When
        recipes.forEach(recipe -> journal.begin("fault", "describe", recipe));

        // Then
        assertThat(new Journal(directory, "reader", Clock.systemUTC()).entries())
                .extracting(JournalEntry::recipe).containsExactlyElementsOf(recipes);
    }

    @Test
    void aLineTornByACrashIsSkipped() throws IOException {
        // Given
        Journal firstRun = new Journal(directory, "run-1", Clock.systemUTC());
        new Journaled(new RecordingFault("redis-kill"), firstRun, () -> WAIT_FOR_REDIS).inject();
        Files.writeString(firstRun.file(), "{\"runId\":\"run-1\",\"inject", StandardOpenOption.APPEND);

        // When
        List<JournalEntry> unrestored = new Journal(directory, "run-2", Clock.systemUTC()).unrestored();

        // Then
        assertThat(unrestored).extracting(JournalEntry::faultName).containsExactly("redis-kill");
    }
}
