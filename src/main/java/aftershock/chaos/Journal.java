package aftershock.chaos;

import aftershock.chaos.JournalEntry.Action;
import aftershock.chaos.JournalEntry.State;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Append-only JSON-lines record of every fault injection and restore, fsync'd before each change, so a run
 * that dies mid-fault leaves enough behind for the next one to put the system back.
 *
 * <pre>
 *   Journal journal = Journal.inDirectory(Path.of("target/aftershock"));   // target/aftershock/journal.jsonl
 *   FaultGuard.recoverFromPreviousRun(journal, runner);                     // finish what a crashed run left
 *   Fault fault = new Journaled(podKill, journal, podKill::restoreRecipe);  // STARTED on disk before inject()
 * </pre>
 */
public final class Journal {

    /** The file name inside the directory given to the journal. */
    public static final String FILE_NAME = "journal.jsonl";

    private static final Logger logger = LoggerFactory.getLogger(Journal.class);

    private final ObjectMapper json = new ObjectMapper();
    private final Path file;
    private final String runId;
    private final Clock clock;
    private final AtomicInteger injections = new AtomicInteger();

    /** A journal in this directory (created if needed) for a run with this id. */
    public Journal(Path directory, String runId, Clock clock) {
        this.file = directory.resolve(FILE_NAME);
        this.runId = runId;
        this.clock = clock;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fault journal directory " + directory
                    + ": make it writable or point the journal elsewhere", e);
        }
    }

    /** A journal in this directory for a new run with a random id. */
    public static Journal inDirectory(Path directory) {
        return new Journal(directory, UUID.randomUUID().toString(), Clock.systemUTC());
    }

    /** The JSON-lines file. */
    public Path file() {
        return file;
    }

    /** The id of the run writing to this journal. */
    public String runId() {
        return runId;
    }

    /** Writes INJECT STARTED for a new injection of this fault, and returns it for the later steps. */
    public JournalEntry begin(String faultName, String description, RestoreRecipe recipe) {
        Objects.requireNonNull(recipe, "every injection needs a restore recipe: use RestoreRecipe.NothingToRestore(why) if there is none");
        String injectionId = runId + "#" + injections.incrementAndGet();
        JournalEntry started = new JournalEntry(runId, injectionId, faultName, description, Action.INJECT,
                State.STARTED, clock.millis(), recipe, null);
        append(started);
        return started;
    }

    /** Writes a later step of the injection, now. */
    public JournalEntry record(JournalEntry injection, Action action, State state) {
        JournalEntry entry = injection.next(action, state, clock.millis(), null);
        append(entry);
        return entry;
    }

    /** Writes a FAILED step of the injection, now, with the failure's message. */
    public JournalEntry recordFailure(JournalEntry injection, Action action, Throwable failure) {
        JournalEntry entry = injection.next(action, State.FAILED, clock.millis(), String.valueOf(failure.getMessage()));
        append(entry);
        return entry;
    }

    /** Writes RESTORE DONE for an injection, for example one a previous run never restored. */
    public void markRestored(JournalEntry injection) {
        record(injection, Action.RESTORE, State.DONE);
    }

    /** Every entry on disk, oldest first; a line torn by a crash mid-write is skipped. */
    public List<JournalEntry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JournalEntry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    parse(line, entries);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fault journal " + file, e);
        }
        return entries;
    }

    /**
     * The first entry of each injection from an earlier run that was started (even if the run died before it
     * finished) and never restored. An injection whose inject() failed is left out: per the {@link Fault}
     * contract it did not break anything.
     */
    public List<JournalEntry> unrestored() {
        Map<String, List<JournalEntry>> byInjection = new LinkedHashMap<>();
        for (JournalEntry entry : entries()) {
            byInjection.computeIfAbsent(entry.injectionId(), id -> new ArrayList<>()).add(entry);
        }
        List<JournalEntry> unrestored = new ArrayList<>();
        for (List<JournalEntry> steps : byInjection.values()) {
            JournalEntry first = steps.get(0);
            JournalEntry lastInject = steps.stream().filter(e -> e.action() == Action.INJECT)
                    .reduce((a, b) -> b).orElse(first);
            boolean restored = steps.stream()
                    .anyMatch(e -> e.action() == Action.RESTORE && e.state() == State.DONE);
            boolean injectFailed = lastInject.action() == Action.INJECT && lastInject.state() == State.FAILED;
            if (!first.runId().equals(runId) && !restored && !injectFailed) {
                unrestored.add(first);
            }
        }
        return unrestored;
    }

    private void parse(String line, List<JournalEntry> entries) {
        try {
            entries.add(json.readValue(line, JournalEntry.class));
        } catch (JsonProcessingException e) {
            logger.warn("skipping unreadable line in fault journal {} (torn by a crash?): {}", file, line);
        }
    }

    private synchronized void append(JournalEntry entry) {
        try {
            boolean created = !Files.exists(file);
            byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (created) {
                syncDirectory();
            }
        } catch (IOException e) {
            throw new FaultException("cannot write the fault journal " + file + " before changing anything: "
                    + e.getMessage() + "; free disk space or fix permissions, nothing was injected or restored", e);
        }
    }

    // A new file's directory entry must reach the disk too, or a crash can lose the whole file.
    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            logger.debug("cannot fsync directory {} on this platform: {}", file.getParent(), e.toString());
        }
    }
}
