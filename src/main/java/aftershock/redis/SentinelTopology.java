package aftershock.redis;

import aftershock.process.LeftoverProcesses;
import aftershock.process.LocalPorts;
import aftershock.process.ProcessKiller;
import aftershock.waiting.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * A Redis master, one replica and three Sentinels (quorum 2, down-after 1000 ms) on 127.0.0.1, all
 * from the embedded redis-server binary, for failover experiments.
 *
 * <pre>
 *   try (SentinelTopology redis = SentinelTopology.start(runDir, ProcessKiller.sigkill(), leftovers)) {
 *       KilledNode killed = redis.killMaster();
 *       // ... measure until writes succeed again ...
 *       Optional&lt;Instant&gt; sentinelSaw = redis.switchMasterLoggedAt(killed.killedAt());
 *       redis.restartKilled();   // the old master rejoins as a replica
 *   }
 * </pre>
 */
public final class SentinelTopology implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(SentinelTopology.class);
    /** The master name the Sentinels monitor. */
    public static final String MASTER_NAME = "aftershock";
    private static final int SENTINELS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final JedisClientConfig PROBE = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(250).socketTimeoutMillis(500).serverDefaultProtocol().build();
    // "12345:X 22 Nov 2026 06:40:01.123 # +switch-master aftershock 127.0.0.1 6390 127.0.0.1 6391"
    private static final Pattern SWITCH_MASTER =
            Pattern.compile("^\\d+:X (\\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) # \\+switch-master .*");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH);

    private final Path workDir;
    private final ProcessKiller killer;
    private final LeftoverProcesses leftovers;
    private final Map<Integer, RedisProcess> dataNodes = new ConcurrentHashMap<>();
    private final List<RedisProcess> sentinels = new ArrayList<>();
    private volatile KilledNode killed;
    private static final Duration DOWN_AFTER = Duration.ofMillis(1000);

    private SentinelTopology(Path workDir, ProcessKiller killer, LeftoverProcesses leftovers) {
        this.workDir = workDir;
        this.killer = killer;
        this.leftovers = leftovers;
    }

    /** Starts master, replica and Sentinels on free ports and waits until the Sentinels know each other and the replica. */
    public static SentinelTopology start(Path workDir, ProcessKiller killer, LeftoverProcesses leftovers) {
        SentinelTopology topology = new SentinelTopology(workDir, killer, leftovers);
        try {
            topology.startAll();
            return topology;
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    private void startAll() {
        int masterPort = LocalPorts.freePort();
        startDataNode(masterPort, null);
        int replicaPort = LocalPorts.freePort();
        startDataNode(replicaPort, new HostAndPort(LocalPorts.HOST, masterPort));
        for (int i = 0; i < SENTINELS; i++) {
            int port = LocalPorts.freePort();
            Path conf = writeSentinelConf(port, masterPort);
            RedisProcess sentinel = new RedisProcess("redis-sentinel", port, List.of(conf.toString(), "--sentinel"),
                    workDir.resolve("sentinel-" + port + ".log"), killer, leftovers, "a free port (sentinel)");
            sentinels.add(sentinel);
            sentinel.start();
        }
        awaitSentinelsReady();
        logger.info("Sentinel topology up: master {}, replica {}, sentinels {}", masterPort, replicaPort, sentinelAddresses());
    }

    private RedisProcess startDataNode(int port, HostAndPort replicaOf) {
        List<String> extra = replicaOf == null ? List.of()
                : List.of("--replicaof", replicaOf.getHost(), String.valueOf(replicaOf.getPort()));
        RedisProcess node = new RedisProcess("redis-server", port, RedisProcess.serverArguments(port, workDir, extra),
                workDir.resolve("redis-" + port + ".log"), killer, leftovers, "a free port (sentinel data node)");
        dataNodes.put(port, node);
        return node.start();
    }

    private Path writeSentinelConf(int port, int masterPort) {
        String conf = String.join("\n",
                "port " + port,
                "bind " + LocalPorts.HOST,
                "dir " + workDir,
                "sentinel monitor " + MASTER_NAME + " " + LocalPorts.HOST + " " + masterPort + " 2",
                "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER.toMillis(),
                "sentinel failover-timeout " + MASTER_NAME + " 5000",
                "sentinel parallel-syncs " + MASTER_NAME + " 1",
                "");
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve("sentinel-" + port + ".conf");
            Files.writeString(file, conf, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sentinel config in " + workDir, e);
        }
    }

    private void awaitSentinelsReady() {
        Wait.forValue("each of the " + SENTINELS + " Sentinels to see 1 replica and " + (SENTINELS - 1) + " other Sentinels",
                        this::sentinelViews, views -> views.stream().allMatch(SentinelView::ready))
                .seenAs(views -> views.stream().map(SentinelView::toString).collect(Collectors.joining("; ")))
                .atMost(READY_TIMEOUT)
                .pollInterval(POLL_INTERVAL)
                .onTimeout(() -> "see the Sentinel and redis-server logs in " + workDir)
                .await();
    }

    private List<SentinelView> sentinelViews() {
        List<SentinelView> views = new ArrayList<>();
        for (RedisProcess sentinel : sentinels) {
            try (Jedis jedis = new Jedis(sentinel.address(), PROBE)) {
                Map<String, String> master = jedis.sentinelMaster(MASTER_NAME);
                views.add(new SentinelView(sentinel.address(), master.get("num-slaves"), master.get("num-other-sentinels"), null));
            } catch (RuntimeException e) {
                views.add(new SentinelView(sentinel.address(), null, null, e.getMessage()));
            }
        }
        return views;
    }

    private record SentinelView(HostAndPort address, String replicas, String otherSentinels, String failure) {
        boolean ready() {
            return "1".equals(replicas) && String.valueOf(SENTINELS - 1).equals(otherSentinels);
        }

        @Override
        public String toString() {
            return failure != null ? address + ": " + failure
                    : address + " sees " + replicas + " replica(s) and " + otherSentinels + " other sentinel(s)";
        }
    }

    /** The three Sentinels' addresses. */
    public Set<HostAndPort> sentinelAddresses() {
        return sentinels.stream().map(RedisProcess::address).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** "aftershock". */
    public String masterName() {
        return MASTER_NAME;
    }

    /** The master as the first answering Sentinel reports it (SENTINEL get-master-addr-by-name). */
    public HostAndPort currentMaster() {
        RuntimeException failure = null;
        for (RedisProcess sentinel : sentinels) {
            try (Jedis jedis = new Jedis(sentinel.address(), PROBE)) {
                List<String> addr = jedis.sentinelGetMasterAddrByName(MASTER_NAME);
                if (addr != null && addr.size() == 2) {
                    return new HostAndPort(addr.get(0), Integer.parseInt(addr.get(1)));
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        throw new IllegalStateException("no Sentinel of " + sentinelAddresses() + " reported a master for '"
                + MASTER_NAME + "': are they running? see " + workDir, failure);
    }

    /** The master and replica processes, keyed by port. */
    public Map<Integer, RedisProcess> dataNodes() {
        return Map.copyOf(dataNodes);
    }

    /** The Sentinel processes. */
    public List<RedisProcess> sentinels() {
        return List.copyOf(sentinels);
    }

    /** SIGKILLs the node the Sentinels currently call master, through the injected killer. */
    public synchronized KilledNode killMaster() {
        HostAndPort master = currentMaster();
        RedisProcess node = dataNodes.get(master.getPort());
        if (node == null || !node.isAlive()) {
            throw new IllegalStateException("the Sentinels name " + master + " as master but no running node listens there:"
                    + " is a failover still in progress? restore the previous fault first");
        }
        long pid = node.pid();
        Instant at = node.kill();
        killed = new KilledNode(master, pid, at);
        return killed;
    }

    /**
     * Opens the failover window on purpose ({@link ReplicaLag}): the replica sleeps {@code replicaSleep}, less than
     * Sentinel's down-after, and falls behind; the master is SIGKILLed while it still sleeps.
     */
    public synchronized KilledNode lagReplicaThenKillMaster(Duration replicaSleep) {
        if (replicaSleep.compareTo(DOWN_AFTER) >= 0) {
            throw new IllegalArgumentException("the replica may sleep less than Sentinel's down-after (" + DOWN_AFTER.toMillis()
                    + " ms), not " + replicaSleep.toMillis() + " ms: a longer sleep would make it look dead and unfit for promotion");
        }
        HostAndPort master = currentMaster();
        RedisProcess replica = dataNodes.values().stream()
                .filter(node -> node.port() != master.getPort() && node.isAlive())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running replica of " + master + " to put to sleep:"
                        + " restore the previous fault first"));
        ReplicaLag.open(master, replica.address(), replicaSleep);
        return killMaster();
    }

    /** The last node {@link #killMaster()} killed, if it has not been restarted since. */
    public Optional<KilledNode> killedNode() {
        return Optional.ofNullable(killed);
    }

    /**
     * Starts the killed node again on its port, as a replica of the current master (if a failover
     * happened meanwhile) so it rejoins without a second master. No-op when nothing is killed.
     */
    public synchronized void restartKilled() {
        KilledNode node = killed;
        if (node == null) {
            return;
        }
        HostAndPort master = currentMaster();
        HostAndPort replicaOf = master.equals(node.address()) ? null : master;
        startDataNode(node.address().getPort(), replicaOf);
        killed = null;
        ReplicaLag.clear(master);
    }

    /**
     * When a Sentinel logged +switch-master at or after {@code after}, by the Sentinel's own log
     * clock (millisecond resolution, local time zone); the earliest such line of all Sentinels.
     */
    public Optional<Instant> switchMasterLoggedAt(Instant after) {
        Instant from = after.truncatedTo(ChronoUnit.MILLIS);
        return sentinels.stream()
                .flatMap(s -> switchMasterLines(s.logFile()))
                .filter(at -> !at.isBefore(from))
                .min(Instant::compareTo);
    }

    private static Stream<Instant> switchMasterLines(Path log) {
        try {
            if (!Files.exists(log)) {
                return Stream.empty();
            }
            List<Instant> found = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher m = SWITCH_MASTER.matcher(line);
                if (m.matches()) {
                    try {
                        found.add(LocalDateTime.parse(m.group(1), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant());
                    } catch (DateTimeParseException e) {
                        logger.debug("unparseable sentinel log time in: {}", line);
                    }
                }
            }
            return found.stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Sentinel log " + log, e);
        }
    }

    /** Stops Sentinels first (so they start no failover), then the data nodes. */
    @Override
    public void close() {
        sentinels.forEach(RedisProcess::stop);
        dataNodes.values().forEach(RedisProcess::stop);
    }
}
