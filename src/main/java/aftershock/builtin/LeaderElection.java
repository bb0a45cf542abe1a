package aftershock.builtin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Leader election of the built-in replicas over Redis. The lease is a key taken with {@code SET NX PX} (a new term
 * counted at once), renewed only by its holder (compare-and-expire), and trusted locally only until the lease time
 * since the renewal was sent: a replica that was paused past it steps down before it acts. The leader's one job,
 * the stale-agent sweep, runs every {@code jobEvery}; each run is recorded, fenced by the lease (the script checks
 * the holder before it deletes or records anything), in the Redis list {@link #RUNS_KEY}.
 *
 * <pre>
 *   LeaderElection election = new LeaderElection(redis, "replica-0@4242", "replica-0", lease, defects, System::nanoTime);
 *   scheduler.scheduleWithFixedDelay(election::tick, 0, 250, TimeUnit.MILLISECONDS);
 * </pre>
 */
final class LeaderElection {

    private static final Logger logger = LoggerFactory.getLogger(LeaderElection.class);
    /** Who holds the lease: the holder identity, expiring with the lease. */
    static final String LEASE_KEY = "aftershock:leader";
    /** Incremented by every acquisition: the term of the current lease. */
    static final String TERM_KEY = "aftershock:leader:term";
    /** The job's runs, oldest first, one JSON object each (holder, replica, pid, term, at). */
    static final String RUNS_KEY = "aftershock:leader:runs";
    private static final int KEPT_RUNS = 10_000;
    private static final Duration STALE_AGENT_AFTER = Duration.ofSeconds(30);

    private static final String ACQUIRE = """
            if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return redis.call('incr', KEYS[2]) end
            return 0""";
    private static final String RENEW = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
            return 0""";
    private static final String FENCED_RUN = """
            if redis.call('get', KEYS[1]) ~= ARGV[1] then return -1 end
            for i = 3, #KEYS do redis.call('del', KEYS[i]) end
            redis.call('rpush', KEYS[2], ARGV[2])
            redis.call('ltrim', KEYS[2], -tonumber(ARGV[3]), -1)
            return #KEYS - 2""";

    /**
     * The lease's timing.
     *
     * @param lease    how long a lease lives without renewal
     * @param tick     how often each replica renews or tries to take the lease
     * @param jobEvery how often the leader runs its job
     */
    record Timing(Duration lease, Duration tick, Duration jobEvery) {
        Timing {
            if (tick.compareTo(lease) >= 0) {
                throw new IllegalArgumentException("leader-tick-millis " + tick.toMillis() + " must be below leader-lease-millis "
                        + lease.toMillis() + ": a leader renews several times per lease");
            }
        }
    }

    /**
     * How the replicas elect their leader.
     *
     * @param backend        redis (a lease key in the target's Redis) or kubernetes (a coordination.k8s.io Lease)
     * @param leaseName      the Lease's name (kubernetes)
     * @param leaseNamespace the Lease's namespace (kubernetes)
     * @param timing         lease, tick and job interval
     */
    record Settings(String backend, String leaseName, String leaseNamespace, Timing timing) {
        Settings {
            if (!backend.equals("redis") && !backend.equals("kubernetes")) {
                throw new IllegalArgumentException("--leader-election=" + backend + ": write redis or kubernetes");
            }
            if (backend.equals("kubernetes") && (leaseNamespace == null || leaseNamespace.isBlank())) {
                throw new IllegalArgumentException("--leader-election=kubernetes needs the Lease's namespace: pass"
                        + " --lease-namespace=NAMESPACE or set POD_NAMESPACE");
            }
        }

        boolean onKubernetes() {
            return backend.equals("kubernetes");
        }
    }

    private final UnifiedJedis redis;
    private final String holder;
    private final String replicaId;
    private final Timing timing;
    private final boolean splitBrain;
    private final boolean noTakeover;
    private final LongSupplier nanoTime;
    private volatile boolean leading;
    private volatile long term;
    private long trustedUntilNanos;
    private long lastRunNanos;
    private boolean everRan;
    private boolean redisFailing;

    LeaderElection(UnifiedJedis redis, String holder, String replicaId, Timing timing, boolean splitBrain,
                   boolean noTakeover, LongSupplier nanoTime) {
        this.redis = redis;
        this.holder = holder;
        this.replicaId = replicaId;
        this.timing = timing;
        this.splitBrain = splitBrain;
        this.noTakeover = noTakeover;
        this.nanoTime = nanoTime;
    }

    /** One round: keep or take the lease, then run the job if it is due and the lease is ours. Never throws. */
    synchronized void tick() {
        try {
            if (splitBrain && leading && jobDue()) {
                // The planted bug: a leader that was paused acts on what it last knew, before it looks at its lease.
                runJob(false);
            }
            if (leading) {
                keepLease();
            }
            if (!leading && mayTakeLease()) {
                takeLease();
            }
            if (leading && jobDue() && trusted()) {
                runJob(true);
            }
            if (redisFailing) {
                redisFailing = false;
                logger.info("{}: leader election reaches Redis again", replicaId);
            }
        } catch (RuntimeException e) {
            if (!redisFailing) {
                redisFailing = true;
                logger.warn("{}: leader election cannot reach Redis: {}", replicaId, e.getMessage());
            }
        }
    }

    /** True while this replica believes it holds the lease. */
    boolean leading() {
        return leading;
    }

    /** The term of the lease this replica holds or last held; 0 before it ever led. */
    long term() {
        return term;
    }

    /** The holder identity this replica writes into the lease: "replica-0@4242". */
    String holder() {
        return holder;
    }

    /**
     * Runs the job once in {@code leaseTerm}, unfenced: for a lease held elsewhere (a Kubernetes Lease), whose holder
     * decides when to call it. Never throws.
     */
    synchronized void runJobAs(long leaseTerm) {
        term = leaseTerm;
        try {
            runJob(false);
        } catch (RuntimeException e) {
            logger.warn("{}: the leader job could not run: {}", replicaId, e.getMessage());
        }
    }

    /** Gives the lease up if this replica holds it, so a clean shutdown hands over at once. */
    synchronized void resign() {
        if (!leading) {
            return;
        }
        leading = false;
        try {
            redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
                    List.of(LEASE_KEY), List.of(holder));
        } catch (RuntimeException e) {
            logger.warn("{}: could not give the lease up: {}", replicaId, e.getMessage());
        }
    }

    private void keepLease() {
        long sentAt = nanoTime.getAsLong();
        if (!trusted()) {
            leading = false;
            logger.warn("{}: lease of term {} not renewed for longer than its {} ms: stepping down", replicaId, term,
                    timing.lease().toMillis());
            return;
        }
        Object renewed = redis.eval(RENEW, List.of(LEASE_KEY), List.of(holder, String.valueOf(timing.lease().toMillis())));
        if (Long.valueOf(1).equals(renewed)) {
            trustedUntilNanos = sentAt + trustFor();
        } else {
            leading = false;
            logger.warn("{}: lease of term {} is held by another replica now: stepping down", replicaId, term);
        }
    }

    private boolean mayTakeLease() {
        // The planted bug: only the first election ever happens; an expired lease is never taken over.
        return !noTakeover || !redis.exists(TERM_KEY);
    }

    private void takeLease() {
        long sentAt = nanoTime.getAsLong();
        Object taken = redis.eval(ACQUIRE, List.of(LEASE_KEY, TERM_KEY), List.of(holder, String.valueOf(timing.lease().toMillis())));
        if (taken instanceof Long newTerm && newTerm > 0) {
            leading = true;
            term = newTerm;
            trustedUntilNanos = sentAt + trustFor();
            everRan = false;
            logger.info("{}: took the lease as {}, term {}", replicaId, holder, newTerm);
        }
    }

    // A tick's worth below the lease: the leader stops trusting it before Redis could give it to someone else.
    private long trustFor() {
        return timing.lease().minus(timing.tick()).toNanos();
    }

    private boolean trusted() {
        return nanoTime.getAsLong() - trustedUntilNanos < 0;
    }

    private boolean jobDue() {
        return !everRan || nanoTime.getAsLong() - lastRunNanos >= timing.jobEvery().toNanos();
    }

    private void runJob(boolean fenced) {
        List<String> stale = staleAgents();
        String run = record(stale.size());
        lastRunNanos = nanoTime.getAsLong();
        everRan = true;
        if (!fenced) {
            stale.forEach(redis::del);
            redis.rpush(RUNS_KEY, run);
            redis.ltrim(RUNS_KEY, -KEPT_RUNS, -1);
            return;
        }
        List<String> keys = new ArrayList<>(List.of(LEASE_KEY, RUNS_KEY));
        keys.addAll(stale);
        Object swept = redis.eval(FENCED_RUN, keys, List.of(holder, run, String.valueOf(KEPT_RUNS)));
        if (Long.valueOf(-1).equals(swept)) {
            leading = false;
            logger.warn("{}: the sweep found the lease of term {} held by another replica: not run, stepping down", replicaId, term);
        }
    }

    private String record(int swept) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("holder", holder);
        run.put("replica", replicaId);
        run.put("pid", ProcessHandle.current().pid());
        run.put("term", term);
        run.put("at", Instant.now().toString());
        run.put("swept", swept);
        try {
            return JsonHttp.JSON.writeValueAsString(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Agents whose last heartbeat is older than 30 s: replicas that died without their entry expiring. */
    private List<String> staleAgents() {
        List<String> keys = new ArrayList<>();
        ScanParams params = new ScanParams().match(ApiEndpoints.AGENT_PREFIX + "*").count(100);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> values = redis.mget(keys.toArray(String[]::new));
        Instant staleBefore = Instant.now().minus(STALE_AGENT_AFTER);
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(i) != null && heartbeat(values.get(i)).isBefore(staleBefore)) {
                stale.add(keys.get(i));
            }
        }
        return stale;
    }

    private static Instant heartbeat(String agent) {
        try {
            String at = JsonHttp.JSON.readTree(agent).path("heartbeat").asText("");
            return at.isEmpty() ? Instant.EPOCH : Instant.parse(at);
        } catch (IOException | RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
