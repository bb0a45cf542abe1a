package aftershock.redis;

import aftershock.process.LeftoverProcesses;
import aftershock.process.LocalPorts;
import aftershock.process.ProcessKiller;
import aftershock.process.ProcessLogs;
import aftershock.waiting.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * One redis-server child process on 127.0.0.1 that can be SIGKILLed and started again on the same port. A
 * standalone server keeps its data files in its own folder, so a restart finds what it persisted; wiping that
 * folder makes it come back empty, like a pod without its volume.
 *
 * <pre>
 *   RedisProcess redis = RedisProcess.standalone(6390, runDir, Persistence.AOF_ALWAYS, ProcessKiller.sigkill(), leftovers).start();
 *   Instant killedAt = redis.kill();   // SIGKILL through the injected killer
 *   redis.start();                     // same port, every acknowledged write still there
 *   redis.kill();
 *   redis.wipeData();                  // the data files are gone
 *   redis.start();                     // same port, empty
 *   redis.stop();
 * </pre>
 */
public final class RedisProcess implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RedisProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final JedisClientConfig PROBE = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(250).socketTimeoutMillis(250).serverDefaultProtocol().build();

    private final String role;
    private final int port;
    private final List<String> arguments;
    private final Path logFile;
    private final ProcessKiller killer;
    private final LeftoverProcesses leftovers;
    private final String portProperty;
    private final Path dataDir;
    private volatile Process process;

    RedisProcess(String role, int port, List<String> arguments, Path logFile, ProcessKiller killer,
                 LeftoverProcesses leftovers, String portProperty) {
        this(role, port, arguments, logFile, killer, leftovers, portProperty, null);
    }

    private RedisProcess(String role, int port, List<String> arguments, Path logFile, ProcessKiller killer,
                         LeftoverProcesses leftovers, String portProperty, Path dataDir) {
        this.dataDir = dataDir;
        this.role = role;
        this.port = port;
        this.arguments = List.copyOf(arguments);
        this.logFile = logFile;
        this.killer = killer;
        this.leftovers = leftovers;
        this.portProperty = portProperty;
    }

    /**
     * A standalone server without persistence on 127.0.0.1:port (0 picks a free port), logging to
     * workDir/redis-&lt;port&gt;.log. Not started yet: call {@link #start()}.
     */
    public static RedisProcess standalone(int port, Path workDir, ProcessKiller killer, LeftoverProcesses leftovers) {
        return standalone(port, workDir, Persistence.NONE, killer, leftovers);
    }

    /**
     * A standalone server on 127.0.0.1:port (0 picks a free port) keeping its data files in
     * workDir/redis-&lt;port&gt;-data, logging to workDir/redis-&lt;port&gt;.log. Not started yet: call {@link #start()}.
     */
    public static RedisProcess standalone(int port, Path workDir, Persistence persistence, ProcessKiller killer,
                                          LeftoverProcesses leftovers) {
        int chosen = port == 0 ? LocalPorts.freePort() : port;
        Path dataDir = workDir.resolve("redis-" + chosen + "-data");
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(chosen), "--bind", LocalPorts.HOST,
                "--daemonize", "no", "--dir", dataDir.toString()));
        args.addAll(persistence.arguments());
        return new RedisProcess("redis-server", chosen, args, workDir.resolve("redis-" + chosen + ".log"), killer,
                leftovers, "aftershock.built-in.redis-port", dataDir);
    }

    static List<String> serverArguments(int port, Path workDir, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--bind", LocalPorts.HOST,
                "--daemonize", "no", "--dir", workDir.toString()));
        args.addAll(Persistence.NONE.arguments());
        args.addAll(extra);
        return args;
    }

    /** Starts the server (no-op if running) and returns once it answers PING. */
    public synchronized RedisProcess start() {
        if (isAlive()) {
            return this;
        }
        LocalPorts.requireFree(port, portProperty);
        List<String> command = new ArrayList<>();
        command.add(RedisBinary.path().toString());
        command.addAll(arguments);
        try {
            Files.createDirectories(logFile.getParent());
            if (dataDir != null) {
                Files.createDirectories(dataDir);
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        leftovers.record(process.toHandle(), String.join(" ", command));
        awaitPing();
        logger.info("started {}", describe());
        return this;
    }

    private void awaitPing() {
        Process started = process;
        Wait.forValue(role + " pid " + started.pid() + " on " + address() + " to answer PING", this::ping, "PONG"::equals)
                .atMost(START_TIMEOUT)
                .pollInterval(POLL_INTERVAL)
                .failFast(() -> refuseIfExited(started))
                .onTimeout(() -> ProcessLogs.endOf(logFile, 15))
                .await();
    }

    private void refuseIfExited(Process started) {
        if (!started.isAlive()) {
            leftovers.forget(started.pid());
            throw new IllegalStateException(role + " on " + address() + " exited with code " + started.exitValue()
                    + " right after start; last lines of " + logFile + ":\n" + ProcessLogs.tail(logFile, 15));
        }
    }

    /** True when the server answers PING within 250 ms. */
    public boolean answersPing() {
        return "PONG".equals(ping());
    }

    /** The server's answer to PING within 250 ms, or why there was none. */
    private String ping() {
        try (Jedis jedis = new Jedis(address(), PROBE)) {
            return jedis.ping();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** SIGKILLs the server through the injected killer; returns when it happened. No-op if not running. */
    public synchronized Instant kill() {
        Process current = process;
        Instant at = Instant.now();
        if (current == null || !current.isAlive()) {
            return at;
        }
        killer.kill(current.toHandle());
        leftovers.forget(current.pid());
        logger.info("SIGKILLed {} pid {}", role, current.pid());
        return at;
    }

    /**
     * Deletes the server's data files, so that its next start comes back empty.
     *
     * @throws IllegalStateException while it runs: kill or stop it first
     */
    public synchronized void wipeData() {
        if (isAlive()) {
            throw new IllegalStateException(describe() + " still runs: its data files can only be wiped once it is"
                    + " killed or stopped");
        }
        if (dataDir == null || !Files.isDirectory(dataDir)) {
            return;
        }
        // Redis 7 keeps its AOF in a folder of its own: delete depth first.
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(f -> !f.equals(dataDir)).sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the data files in " + dataDir + ": remove them by hand", e);
        }
        logger.info("wiped the data files of {} in {}", role, dataDir);
    }

    /**
     * A redis.conf that starts this server again as its own daemon, as a user's own start command would
     * ({@code redis-server redis.conf}): the same port, data folder and persistence, writing its pid to
     * {@code pidFile} and its log to the same file.
     */
    public String daemonConfig(Path pidFile) {
        StringBuilder conf = new StringBuilder("# written by Aftershock's built-in target: start it with redis-server <this file>\n");
        for (int i = 0; i < arguments.size(); i++) {
            String key = arguments.get(i).substring(2);
            String value = i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--") ? arguments.get(++i) : "";
            if (key.equals("daemonize") || key.equals("pidfile")) {
                continue;
            }
            conf.append(key).append(' ').append(value.isEmpty() ? "\"\"" : value).append('\n');
        }
        conf.append("daemonize yes\n").append("pidfile ").append(pidFile.toAbsolutePath()).append('\n')
                .append("logfile ").append(logFile.toAbsolutePath()).append('\n');
        return conf.toString();
    }

    /** A standalone server that also writes its pid to {@code pidFile}, as redis.conf's pidfile does. */
    public RedisProcess withPidFile(Path pidFile) {
        List<String> args = new ArrayList<>(arguments);
        args.addAll(List.of("--pidfile", pidFile.toAbsolutePath().toString()));
        return new RedisProcess(role, port, args, logFile, killer, leftovers, portProperty, dataDir);
    }

    /** Stops the server gracefully (SIGTERM, then SIGKILL after 5 s) and waits for the exit. */
    public synchronized void stop() {
        Process current = process;
        if (current == null) {
            return;
        }
        try {
            if (current.isAlive()) {
                current.destroy();
                if (!current.waitFor(5, TimeUnit.SECONDS)) {
                    current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
        leftovers.forget(current.pid());
    }

    @Override
    public void close() {
        stop();
    }

    /** True while the child process runs (it may not answer yet, see {@link #answersPing()}). */
    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The pid of the current (or last) child process; -1 if never started. */
    public long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    public int port() {
        return port;
    }

    /** 127.0.0.1:port. */
    public HostAndPort address() {
        return new HostAndPort(LocalPorts.HOST, port);
    }

    /** "redis-server" or "redis-sentinel". */
    public String role() {
        return role;
    }

    public Path logFile() {
        return logFile;
    }

    /** One line for logs and fault descriptions: "redis-server pid 4242 (127.0.0.1:6390)". */
    public String describe() {
        return role + " pid " + pid() + " (" + address() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
