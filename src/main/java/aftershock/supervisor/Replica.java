package aftershock.supervisor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One replica slot of a {@link LocalTarget}: a fixed index, port and URL, and the process currently filling it. */
public final class Replica {

    private final int index;
    private final int port;
    private final int agentPort;
    private final URI url;
    private final Path logFile;
    volatile Process process;
    volatile int restartCount;
    volatile Instant healthySince;
    volatile Instant killedAt;
    volatile CompletableFuture<Void> pendingRestart = CompletableFuture.completedFuture(null);

    Replica(int index, int port, Path logFile) {
        this(index, port, 0, logFile);
    }

    Replica(int index, int port, int agentPort, Path logFile) {
        this.index = index;
        this.port = port;
        this.agentPort = agentPort;
        this.url = URI.create("http://127.0.0.1:" + port);
        this.logFile = logFile;
    }

    /** 0-based position, fixed for the target's life. */
    public int index() {
        return index;
    }

    /** "replica-0". */
    public String id() {
        return "replica-" + index;
    }

    /** The port on 127.0.0.1, the same across restarts. */
    public int port() {
        return port;
    }

    /** The agents' WebSocket port on 127.0.0.1, the same across restarts; 0 when the replica has no agent endpoint. */
    public int agentPort() {
        return agentPort;
    }

    /** http://127.0.0.1:&lt;port&gt;, the same across restarts. */
    public URI url() {
        return url;
    }

    /** The pid of the current (or last) process; -1 before the first start. */
    public long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    /** True while the process runs (it may not listen yet). */
    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** When the current process first answered /health; empty while it has not (yet). */
    public Optional<Instant> healthySince() {
        return Optional.ofNullable(healthySince);
    }

    /** How many times the slot was filled again after the first start. */
    public int restartCount() {
        return restartCount;
    }

    /** Where the replica's stdout and stderr go (appended across restarts). */
    public Path logFile() {
        return logFile;
    }

    /** "replica-0 pid 4242 (http://127.0.0.1:8081)". */
    public String describe() {
        return id() + " pid " + pid() + " (" + url + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
