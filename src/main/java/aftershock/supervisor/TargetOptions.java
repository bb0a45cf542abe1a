package aftershock.supervisor;

import aftershock.redis.Persistence;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * How {@link LocalTarget} runs the built-in target. Start from {@link #defaults()} and change with
 * the {@code with...} methods:
 *
 * <pre>
 *   TargetOptions.defaults().withReplicas(3).withDefects("no-fallback").withRestartDelay(Duration.ofSeconds(1))
 * </pre>
 *
 * @param replicas       replica processes (like a Deployment's replicas)
 * @param firstPort      port of replica 0, the others follow; 0 picks free ports
 * @param redisMode      standalone redis-server or master + replica + 3 Sentinels
 * @param redisPort      standalone Redis port; 0 picks a free port (Sentinel mode always picks free ports)
 * @param defects        bugs planted in every replica, by the names the built-in program knows
 *                       ("no-fallback", "memory-sessions", "slow-restart"); it refuses unknown ones at start
 * @param restartDelay   how long after a replica dies the supervisor starts a new one on the same port
 * @param autoRestart    whether the supervisor restarts dead replicas at all
 * @param adminUsername  the user that can log in
 * @param adminPassword  its password
 * @param slowRestart    with the slow-restart defect: how long a restarted replica sleeps before listening
 * @param jvmOptions     extra options for each replica's JVM, after the runner's own (so they win), e.g. for a profiler
 */
public record TargetOptions(int replicas, int firstPort, RedisMode redisMode, int redisPort, List<String> defects,
                            Duration restartDelay, boolean autoRestart, String adminUsername, String adminPassword,
                            Duration slowRestart, List<String> jvmOptions) {

    /** The defect name that makes restarted replicas sleep before listening (the supervisor waits longer for them). */
    public static final String SLOW_RESTART = "slow-restart";
    /** The defect name that makes the front door keep a failing replica in rotation for 15 s. */
    public static final String SLOW_DEREGISTRATION = "slow-deregistration";
    /** The defect name that makes the front door pin each agent to the replica it first reached. */
    public static final String STICKY_RECONNECT = "sticky-reconnect";
    /** How long the front door keeps a failing replica with the slow-deregistration defect. */
    public static final Duration SLOW_DEREGISTRATION_DELAY = Duration.ofSeconds(15);
    /** The defect name that makes the supervisor run Redis without its append-only file. */
    public static final String REDIS_NO_PERSISTENCE = "redis-no-persistence";

    public TargetOptions {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, was " + replicas);
        }
        defects = defects.stream().map(String::trim).filter(d -> !d.isEmpty()).distinct().toList();
        jvmOptions = jvmOptions.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
    }

    /** 2 replicas on free ports, standalone Redis on a free port, no defects, restart after 2 s, admin/admin123. */
    public static TargetOptions defaults() {
        return new TargetOptions(2, 0, RedisMode.STANDALONE, 0, List.of(), Duration.ofSeconds(2), true,
                "admin", "admin123", Duration.ofSeconds(35), List.of());
    }

    /**
     * Defaults overridden by aftershock.target.replicas, first-port, redis-mode (standalone|sentinel),
     * redis-port, defects (a,b), restart-delay-millis, auto-restart, admin-username, admin-password,
     * slow-restart-millis.
     */
    public static TargetOptions fromSystemProperties(Properties system) {
        TargetOptions d = defaults();
        String p = "aftershock.target.";
        return new TargetOptions(
                Integer.parseInt(system.getProperty(p + "replicas", String.valueOf(d.replicas()))),
                Integer.parseInt(system.getProperty(p + "first-port", "0")),
                RedisMode.valueOf(system.getProperty(p + "redis-mode", "standalone").toUpperCase(Locale.ROOT)),
                Integer.parseInt(system.getProperty(p + "redis-port", "0")),
                Arrays.asList(system.getProperty(p + "defects", "").split(",")),
                Duration.ofMillis(Long.parseLong(system.getProperty(p + "restart-delay-millis", "2000"))),
                Boolean.parseBoolean(system.getProperty(p + "auto-restart", "true")),
                system.getProperty(p + "admin-username", d.adminUsername()),
                system.getProperty(p + "admin-password", d.adminPassword()),
                Duration.ofMillis(Long.parseLong(system.getProperty(p + "slow-restart-millis", "35000"))), List.of());
    }

    /** True when the slow-restart defect is planted: restarted replicas sleep {@link #slowRestart()} first. */
    public boolean slowRestartPlanted() {
        return defects.contains(SLOW_RESTART);
    }

    /** True when the slow-deregistration defect is planted: the front door keeps a failing replica 15 s. */
    public boolean slowDeregistrationPlanted() {
        return defects.contains(SLOW_DEREGISTRATION);
    }

    /** True when the sticky-reconnect defect is planted: the front door pins each agent to its first replica. */
    public boolean stickyReconnectPlanted() {
        return defects.contains(STICKY_RECONNECT);
    }

    /** AOF fsynced on every write, so Redis keeps what it acknowledged through a crash; none with redis-no-persistence. */
    public Persistence redisPersistence() {
        return defects.contains(REDIS_NO_PERSISTENCE) ? Persistence.NONE : Persistence.AOF_ALWAYS;
    }

    public TargetOptions withReplicas(int count) {
        return new TargetOptions(count, firstPort, redisMode, redisPort, defects, restartDelay, autoRestart,
                adminUsername, adminPassword, slowRestart, jvmOptions);
    }

    public TargetOptions withFirstPort(int port) {
        return new TargetOptions(replicas, port, redisMode, redisPort, defects, restartDelay, autoRestart,
                adminUsername, adminPassword, slowRestart, jvmOptions);
    }

    public TargetOptions withRedisMode(RedisMode mode) {
        return new TargetOptions(replicas, firstPort, mode, redisPort, defects, restartDelay, autoRestart,
                adminUsername, adminPassword, slowRestart, jvmOptions);
    }

    public TargetOptions withRedisPort(int port) {
        return new TargetOptions(replicas, firstPort, redisMode, port, defects, restartDelay, autoRestart,
                adminUsername, adminPassword, slowRestart, jvmOptions);
    }

    public TargetOptions withDefects(String... planted) {
        return new TargetOptions(replicas, firstPort, redisMode, redisPort, List.of(planted), restartDelay, autoRestart,
                adminUsername, adminPassword, slowRestart, jvmOptions);
    }

    public TargetOptions withRestartDelay(Duration delay) {
        return new TargetOptions(replicas, firstPort, redisMode, redisPort, defects, delay, autoRestart,
                adminUsername, adminPassword, slowRestart, jvmOptions);
    }

    public TargetOptions withAutoRestart(boolean enabled) {
        return new TargetOptions(replicas, firstPort, redisMode, redisPort, defects, restartDelay, enabled,
                adminUsername, adminPassword, slowRestart, jvmOptions);
    }

    public TargetOptions withAdmin(String username, String password) {
        return new TargetOptions(replicas, firstPort, redisMode, redisPort, defects, restartDelay, autoRestart,
                username, password, slowRestart, jvmOptions);
    }

    public TargetOptions withSlowRestart(Duration sleep) {
        return new TargetOptions(replicas, firstPort, redisMode, redisPort, defects, restartDelay, autoRestart,
                adminUsername, adminPassword, sleep, jvmOptions);
    }

    /** Extra options for each replica's JVM ({@code -XX:...}, {@code -D...}), after the runner's own. */
    public TargetOptions withJvmOptions(String... options) {
        return new TargetOptions(replicas, firstPort, redisMode, redisPort, defects, restartDelay, autoRestart,
                adminUsername, adminPassword, slowRestart, List.of(options));
    }
}
