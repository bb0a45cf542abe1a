package aftershock.supervisor;

import aftershock.frontdoor.FrontDoor;
import aftershock.frontdoor.FrontDoorOptions;
import aftershock.frontdoor.SidePort;
import aftershock.process.LeftoverProcesses;
import aftershock.process.LocalPorts;
import aftershock.process.ProcessKiller;
import aftershock.redis.RedisProcess;
import aftershock.redis.SentinelTopology;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;

/**
 * The built-in system under test, supervised locally like a Kubernetes Deployment: Redis (or a
 * Sentinel topology), N replica JVMs of the built-in program ({@code aftershock.builtin.TargetServer}) sharing one signing key, and a controller
 * that starts a dead replica again on the same port after {@code restartDelay}.
 *
 * <pre>
 *   try (LocalTarget target = LocalTarget.start(TargetOptions.defaults())) {
 *       URI first = target.replicaUrls().get(0);
 *       Instant killedAt = target.killReplica(0);   // SIGKILL; back after restartDelay
 *       target.redis().kill();                       // Redis outage
 *   }
 * </pre>
 */
public final class LocalTarget implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LocalTarget.class);
    /** The replicas' agent endpoint path (their --agent-path default), on their agent port and through the front door. */
    public static final String AGENT_PATH = "/agents/connect";

    private final TargetOptions options;
    private final ProcessKiller killer;
    private final LeftoverProcesses leftovers;
    private final Path runDirectory;
    private final RSAKey signingKey;
    private final ReplicaLauncher launcher;
    private final List<Replica> replicas = new ArrayList<>();
    private final ExecutorService controller;
    private final Thread shutdownHook = new Thread(this::close, "local-target-shutdown");
    private final FrontDoorOptions frontDoorOptions;
    private RedisProcess redis;
    private SentinelTopology sentinel;
    private FrontDoor frontDoor;
    private volatile boolean autoRestart;
    private volatile boolean closing;

    private LocalTarget(TargetOptions options, FrontDoorOptions frontDoorOptions, ProcessKiller killer,
                        LeftoverProcesses leftovers, Path runDirectory) {
        this.options = options;
        this.frontDoorOptions = frontDoorOptions;
        this.killer = killer;
        this.leftovers = leftovers;
        this.runDirectory = runDirectory;
        this.signingKey = generateKey();
        this.autoRestart = options.autoRestart();
        this.controller = Executors.newFixedThreadPool(options.replicas(), runnable -> {
            Thread thread = new Thread(runnable, "replica-controller");
            thread.setDaemon(true);
            return thread;
        });
        Path keyFile = runDirectory.resolve("signing-key.jwk.json");
        Path oidcKeyFile = runDirectory.resolve("oidc-key.jwk.json");
        try {
            Files.writeString(keyFile, signingKey.toJSONString());
            Files.writeString(oidcKeyFile, new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate()
                    .toJSONString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + keyFile, e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the OAuth2 issuer's RSA key", e);
        }
        this.launcher = new ReplicaLauncher(keyFile, oidcKeyFile, options.jvmOptions());
    }

    /** Starts Redis and the replicas with SIGKILL as the kill seam, after killing leftovers of earlier runs. */
    public static LocalTarget start(TargetOptions options) {
        return start(options, ProcessKiller.sigkill(), LeftoverProcesses.inProjectDirectory());
    }

    /** Starts Redis and the replicas; returns once every replica answers /health. */
    public static LocalTarget start(TargetOptions options, ProcessKiller killer, LeftoverProcesses leftovers) {
        return start(options, FrontDoorOptions.defaults(), killer, leftovers);
    }

    /**
     * Starts Redis, the replicas and, when {@code frontDoor} is not null, a front door in front of them (the
     * slow-deregistration defect makes it keep a failing replica {@link TargetOptions#SLOW_DEREGISTRATION_DELAY});
     * returns once every replica answers /health.
     */
    public static LocalTarget start(TargetOptions options, FrontDoorOptions frontDoor, ProcessKiller killer,
                                    LeftoverProcesses leftovers) {
        leftovers.killLeftovers();
        RedisFiles.stopRestarted(leftovers, killer);
        Path runs = leftovers.file().resolveSibling("runs");
        Path runDirectory;
        try {
            Files.createDirectories(runs);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-"));
            runDirectory = Files.createTempDirectory(runs, stamp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + runs, e);
        }
        LocalTarget target = new LocalTarget(options, frontDoor, killer, leftovers, runDirectory);
        Runtime.getRuntime().addShutdownHook(target.shutdownHook);
        try {
            target.startAll();
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    private void startAll() {
        if (options.redisMode() == RedisMode.SENTINEL) {
            sentinel = SentinelTopology.start(runDirectory, killer, leftovers);
        } else {
            redis = RedisProcess.standalone(options.redisPort(), runDirectory, options.redisPersistence(), killer, leftovers)
                    .withPidFile(RedisFiles.pidFile(leftovers)).start();
            RedisFiles.write(leftovers, redis);
        }
        for (int i = 0; i < options.replicas(); i++) {
            int port = options.firstPort() == 0 ? LocalPorts.freePort() : options.firstPort() + i;
            replicas.add(new Replica(i, port, LocalPorts.freePort(), runDirectory.resolve("replica-" + i + ".log")));
        }
        List<Process> started = replicas.stream().map(this::launch).toList();
        for (Replica replica : replicas) {
            awaitHealthy(replica, started.get(replica.index()), ReplicaLauncher.START_TIMEOUT);
        }
        if (frontDoorOptions != null) {
            FrontDoorOptions door = options.slowDeregistrationPlanted()
                    ? frontDoorOptions.withDeregistrationDelay(TargetOptions.SLOW_DEREGISTRATION_DELAY) : frontDoorOptions;
            // The agents' path goes to the picked replica's agent port; with sticky-reconnect, always to an agent's first.
            Map<InetSocketAddress, InetSocketAddress> agentPorts = new LinkedHashMap<>();
            replicas.forEach(r -> agentPorts.put(new InetSocketAddress("127.0.0.1", r.port()),
                    new InetSocketAddress("127.0.0.1", r.agentPort())));
            SidePort agents = new SidePort(AGENT_PATH, agentPorts,
                    options.stickyReconnectPlanted() ? Optional.of("agent") : Optional.empty());
            frontDoor = FrontDoor.start(List.copyOf(agentPorts.keySet()), door, Optional.of(agents));
        }
        logger.info("local target up: {}{} (run directory {})", replicaUrls(),
                frontDoor == null ? "" : " behind the front door " + frontDoor.url(), runDirectory);
    }

    private Process launch(Replica replica) {
        synchronized (replica) {
            ReplicaCommand config = new ReplicaCommand(replica.port(), replica.id(), redis == null ? null : redis.address(),
                    sentinel == null ? List.of() : List.copyOf(sentinel.sentinelAddresses()), SentinelTopology.MASTER_NAME,
                    options.adminUsername(), options.adminPassword(), options.defects(), options.slowRestart(),
                    replica.restartCount, 32, replica.killedAt, replica.agentPort());
            // The kill is handed to the one process started after it, never to a later restart.
            replica.killedAt = null;
            replica.healthySince = null;
            Process process = launcher.launch(config, replica.logFile());
            replica.process = process;
            leftovers.record(process.toHandle(), "java " + ReplicaCommand.MAIN_CLASS + " " + replica.id());
            process.onExit().thenRun(() -> onExit(replica, process));
            return process;
        }
    }

    private void onExit(Replica replica, Process exited) {
        leftovers.forget(exited.pid());
        if (closing || replica.process != exited) {
            return;
        }
        logger.info("{} pid {} exited with code {}", replica.id(), exited.pid(), exited.exitValue());
        if (autoRestart) {
            replica.pendingRestart = CompletableFuture.runAsync(() -> restartIfStillDead(replica, exited),
                    CompletableFuture.delayedExecutor(options.restartDelay().toMillis(), TimeUnit.MILLISECONDS, controller));
        }
    }

    private void restartIfStillDead(Replica replica, Process exited) {
        Process started;
        synchronized (replica) {
            if (closing || replica.process != exited || !autoRestart) {
                return;
            }
            replica.restartCount++;
            started = launch(replica);
        }
        awaitHealthy(replica, started, startTimeout(replica));
        logger.info("supervisor restarted {}", replica.describe());
    }

    private Duration startTimeout(Replica replica) {
        boolean slow = options.slowRestartPlanted() && replica.restartCount > 0;
        return slow ? ReplicaLauncher.START_TIMEOUT.plus(options.slowRestart()) : ReplicaLauncher.START_TIMEOUT;
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(java.util.UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }

    /** The replicas' base URLs, http://127.0.0.1:&lt;port&gt;, stable across restarts. */
    public List<URI> replicaUrls() {
        return replicas.stream().map(Replica::url).toList();
    }

    /** The front door in front of the replicas, or empty when the target was started without one. */
    public Optional<FrontDoor> frontDoor() {
        return Optional.ofNullable(frontDoor);
    }

    /** The replicas' agent WebSocket endpoints, ws://127.0.0.1:&lt;agent port&gt;/agents/connect, stable across restarts. */
    public List<URI> agentUrls() {
        return replicas.stream().map(r -> URI.create("ws://127.0.0.1:" + r.agentPort() + AGENT_PATH)).toList();
    }

    /**
     * Where agents connect: the front door's ws://127.0.0.1:&lt;port&gt;/agents/connect?agent=${agent} (one address, any
     * live replica) when there is one, else each replica's own agent endpoint.
     */
    public List<String> agentEndpoints() {
        return frontDoor == null ? agentUrls().stream().map(URI::toString).toList()
                : List.of("ws://127.0.0.1:" + frontDoor.url().getPort() + AGENT_PATH + "?agent=${agent}");
    }

    /** Replica {@code index} (0-based). */
    public Replica replica(int index) {
        if (index < 0 || index >= replicas.size()) {
            throw new IllegalArgumentException("no replica " + index + ": this target has " + replicas.size()
                    + " (indexes 0.." + (replicas.size() - 1) + ")");
        }
        return replicas.get(index);
    }

    /** All replica slots. */
    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    /** SIGKILLs the replica through the kill seam; the supervisor restarts it after restartDelay if enabled. */
    public Instant killReplica(int index) {
        Replica replica = replica(index);
        Process current = replica.process;
        Instant at = Instant.now();
        if (current != null && current.isAlive()) {
            replica.killedAt = at;
            killer.kill(current.toHandle());
            logger.info("SIGKILLed {} pid {}", replica.id(), current.pid());
        }
        return at;
    }

    /** Kills the replica if it runs and starts a new process now; returns once it answers /health. */
    public void restartReplica(int index) {
        Replica replica = replica(index);
        Process started;
        synchronized (replica) {
            Process current = replica.process;
            replica.process = null;
            if (current != null && current.isAlive()) {
                killer.kill(current.toHandle());
            }
            replica.restartCount++;
            started = launch(replica);
        }
        awaitHealthy(replica, started, startTimeout(replica));
    }

    private static void awaitHealthy(Replica replica, Process process, Duration timeout) {
        ReplicaLauncher.awaitHealthy(replica, process, timeout);
        if (replica.process == process) {
            replica.healthySince = Instant.now();
        }
    }

    /**
     * Makes sure the replica runs and answers /health: waits for a pending supervisor restart, or
     * starts it now when none is pending (auto-restart off). Idempotent.
     */
    public void ensureRunning(int index) {
        Replica replica = replica(index);
        Duration wait = options.restartDelay().plus(startTimeout(replica)).plusSeconds(5);
        try {
            replica.pendingRestart.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            logger.warn("supervisor restart of {} did not finish: {}", replica.id(), e.getMessage());
        }
        if (!replica.isAlive()) {
            restartReplica(index);
        } else {
            awaitHealthy(replica, replica.process, startTimeout(replica));
        }
    }

    /** Turns the supervisor's automatic restart of dead replicas on or off. */
    public void setAutoRestart(boolean enabled) {
        this.autoRestart = enabled;
    }

    /** The standalone Redis; in Sentinel mode use {@link #sentinel()}. */
    public RedisProcess redis() {
        if (redis == null) {
            throw new IllegalStateException("this target runs Redis in SENTINEL mode: use sentinel()");
        }
        return redis;
    }

    /** The Sentinel topology; in standalone mode use {@link #redis()}. */
    public SentinelTopology sentinel() {
        if (sentinel == null) {
            throw new IllegalStateException("this target runs a standalone Redis: use redis(), or start with"
                    + " TargetOptions.withRedisMode(RedisMode.SENTINEL)");
        }
        return sentinel;
    }

    /** Where Redis listens now (the current master in Sentinel mode), for preflight checks. */
    public HostAndPort redisAddress() {
        return sentinel != null ? sentinel.currentMaster() : redis.address();
    }

    /** The shared private signing key (for tests and tools that forge tokens). */
    public RSAKey signingKey() {
        return signingKey;
    }

    public TargetOptions options() {
        return options;
    }

    /** Holds the replica logs, Redis logs and the signing key file. */
    public Path runDirectory() {
        return runDirectory;
    }

    /** Pids of every process this target runs now: replicas, then Redis nodes. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        replicas.stream().filter(Replica::isAlive).forEach(r -> pids.add(r.pid()));
        if (redis != null && redis.isAlive()) {
            pids.add(redis.pid());
        }
        if (sentinel != null) {
            sentinel.dataNodes().values().stream().filter(RedisProcess::isAlive).forEach(n -> pids.add(n.pid()));
            sentinel.sentinels().stream().filter(RedisProcess::isAlive).forEach(n -> pids.add(n.pid()));
        }
        return pids;
    }

    /** Stops every replica (SIGTERM, SIGKILL after 5 s) and Redis, by pid, and waits for them. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        controller.shutdownNow();
        if (frontDoor != null) {
            frontDoor.close();
        }
        List<Process> running = new ArrayList<>();
        for (Replica replica : replicas) {
            synchronized (replica) { // a restart in progress either finished launching or sees closing
                Process process = replica.process;
                if (process != null && process.isAlive()) {
                    running.add(process);
                }
            }
        }
        running.forEach(Process::destroy);
        for (Process process : running) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            leftovers.forget(process.pid());
        }
        if (redis != null) {
            redis.stop();
            RedisFiles.stopRestarted(leftovers, killer);
        }
        if (sentinel != null) {
            sentinel.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook running
        }
        logger.info("local target stopped (logs in {})", runDirectory);
    }

    /** Starts a target for manual exploration (settings: {@link TargetOptions#fromSystemProperties}); Ctrl-C stops it. */
    public static void main(String[] args) throws InterruptedException {
        LocalTarget target = start(TargetOptions.fromSystemProperties(System.getProperties()));
        System.out.println("Aftershock built-in target is up. Ctrl-C stops everything.");
        target.frontDoor().ifPresent(door -> System.out.println("  front door " + door.url()));
        target.replicas().forEach(r -> System.out.println("  " + r.describe()));
        System.out.println("  redis " + target.redisAddress() + (target.sentinel == null ? ""
                : " (Sentinel master '" + SentinelTopology.MASTER_NAME + "', sentinels " + target.sentinel.sentinelAddresses() + ")"));
        System.out.println("  admin credentials: " + target.options.adminUsername() + " / " + target.options.adminPassword());
        System.out.println("  logs: " + target.runDirectory);
        Thread.currentThread().join();
    }
}
