package aftershock.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small registry file of every process Aftershock starts, so that a run killed hard (kill -9 of the
 * JVM, a crashed IDE) does not leave redis-server or replica JVMs behind: the next run calls
 * {@link #killLeftovers()}.
 *
 * <pre>
 *   LeftoverProcesses leftovers = LeftoverProcesses.inProjectDirectory();
 *   leftovers.killLeftovers().forEach(outcome -&gt; logger.info("{}", outcome));
 *   leftovers.record(process.toHandle(), "redis-server --port 6390");
 *   ...
 *   leftovers.forget(process.pid());
 * </pre>
 *
 * A recorded process is only killed when the JVM that started it is gone and the process still has
 * the recorded start instant; a reused pid is refused.
 */
public final class LeftoverProcesses {

    private static final Logger logger = LoggerFactory.getLogger(LeftoverProcesses.class);
    private static final Object JVM_LOCK = new Object();
    private static final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<List<RecordedProcess>> LIST = new TypeReference<>() { };

    private final Path file;
    private final ProcessKiller killer;

    /** What {@link #killLeftovers()} did with one recorded process. */
    public enum Action {
        /** still running and its owner gone: killed. */
        KILLED,
        /** no longer running: only removed from the registry. */
        ALREADY_GONE,
        /** the pid is alive but started at another instant: not ours any more, left alone. */
        REFUSED_PID_REUSED,
        /** the JVM that started it is still running: not a leftover, kept. */
        KEPT_OWNER_RUNNING
    }

    /** One line of the {@link #killLeftovers()} answer. */
    public record Outcome(RecordedProcess process, Action action) {
        @Override
        public String toString() {
            return action + " pid " + process.pid() + " (" + process.command() + ")";
        }
    }

    public LeftoverProcesses(Path file, ProcessKiller killer) {
        this.file = file;
        this.killer = killer;
    }

    /** The registry at target/aftershock/processes.json under the working directory, killing with SIGKILL. */
    public static LeftoverProcesses inProjectDirectory() {
        return new LeftoverProcesses(Path.of(System.getProperty("user.dir"), "target", "aftershock", "processes.json"),
                ProcessKiller.sigkill());
    }

    public Path file() {
        return file;
    }

    /** Records a process the current JVM started. */
    public void record(ProcessHandle process, String command) {
        record(RecordedProcess.of(process, command));
    }

    /** Records a process. */
    public void record(RecordedProcess process) {
        update(list -> {
            list.removeIf(p -> p.pid() == process.pid());
            list.add(process);
            return list;
        });
    }

    /** Removes a process from the registry (it was stopped normally). */
    public void forget(long pid) {
        update(list -> {
            list.removeIf(p -> p.pid() == pid);
            return list;
        });
    }

    /** The processes currently recorded. */
    public List<RecordedProcess> recorded() {
        return withLock(this::read);
    }

    /**
     * Kills recorded processes whose starting JVM is gone and which still run with the recorded start
     * instant; drops entries of processes that are gone; leaves reused pids alone.
     */
    public List<Outcome> killLeftovers() {
        List<Outcome> outcomes = new ArrayList<>();
        update(list -> {
            List<RecordedProcess> kept = new ArrayList<>();
            for (RecordedProcess p : list) {
                Action action = handle(p);
                outcomes.add(new Outcome(p, action));
                if (action == Action.KEPT_OWNER_RUNNING) {
                    kept.add(p);
                }
            }
            return kept;
        });
        outcomes.stream().filter(o -> o.action() != Action.KEPT_OWNER_RUNNING)
                .forEach(o -> logger.info("leftover process: {}", o));
        return outcomes;
    }

    private Action handle(RecordedProcess p) {
        if (p.ownerRuns()) {
            return Action.KEPT_OWNER_RUNNING;
        }
        var handle = ProcessHandle.of(p.pid()).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return Action.ALREADY_GONE;
        }
        if (!p.runsWithRecordedStartInstant()) {
            return Action.REFUSED_PID_REUSED;
        }
        killer.kill(handle.get());
        return Action.KILLED;
    }

    private void update(UnaryOperator<List<RecordedProcess>> change) {
        withLock(() -> {
            write(change.apply(read()));
            return null;
        });
    }

    private <T> T withLock(Supplier<T> action) {
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(file.getParent());
                Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    return action.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use the process registry " + file
                        + ": check that the directory is writable", e);
            }
        }
    }

    private List<RecordedProcess> read() {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(json.readValue(file.toFile(), LIST));
        } catch (IOException e) {
            logger.warn("process registry {} is unreadable ({}); starting a new one", file, e.getMessage());
            return new ArrayList<>();
        }
    }

    private void write(List<RecordedProcess> list) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), list);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the process registry " + file, e);
        }
    }
}
