package aftershock.builtin;

import aftershock.builtin.JsonHttp.Reply;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * One replica of the built-in system under test: a JDK HttpServer on 127.0.0.1 with JWT auth (Nimbus
 * RS256, verified on every request), refresh tokens, an agent registry, API keys and session state in Redis (Jedis, 250 ms
 * timeouts so a dead Redis gives a prompt 503). Usually started by the runner's supervisor
 * ({@code aftershock.supervisor.LocalTarget}), as a separate program; by hand:
 *
 * <pre>
 *   java -cp ... aftershock.builtin.TargetServer --port=8081 --redis=127.0.0.1:6390 --replica-id=replica-0
 * </pre>
 *
 * Settings: see {@link TargetConfig}.
 */
public final class TargetServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(TargetServer.class);
    private static final String HOST = "127.0.0.1";
    /** Exit status of a replica started with a bad argument; its last log line says what is wrong. */
    public static final int BAD_ARGUMENT_EXIT = 2;
    private static final int REDIS_TIMEOUT_MILLIS = 250;
    private static final long AGENT_TTL_SECONDS = 5;

    private final TargetConfig config;
    private final UnifiedJedis redis;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService background;
    private final LeaderRole leader;
    private final AtomicBoolean redisHealthy = new AtomicBoolean(true);
    private final AtomicBoolean registered = new AtomicBoolean();
    private volatile AgentSockets agents;

    private TargetServer(TargetConfig config, UnifiedJedis redis, HttpServer server, ExecutorService workers,
                         ScheduledExecutorService background) {
        this.config = config;
        this.redis = redis;
        this.server = server;
        this.workers = workers;
        this.background = background;
        // Its own client: the election's connections never sit idle in the pool the requests borrow from.
        this.leader = LeaderRole.of(config, redisClient(config, 2));
    }

    /** Entry point of a replica process. */
    public static void main(String[] args) {
        // Without TCP_NODELAY, keep-alive responses can wait ~40 ms on delayed ACKs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        TargetConfig config;
        try {
            config = TargetConfig.from(args, System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(BAD_ARGUMENT_EXIT);
            return;
        }
        ScheduledExecutorService background = Executors.newScheduledThreadPool(1, daemonThreads("background"));
        if (config.watchParent()) {
            watchParent(background);
        }
        if (config.has(Defect.SLOW_RESTART) && config.restartCount() > 0) {
            logger.info("{}: slow-restart defect, sleeping {} ms before listening", config.replicaId(),
                    config.slowRestart().toMillis());
            sleep(config.slowRestart());
        }
        AgentSockets.Settings agentSettings;
        try {
            agentSettings = AgentSockets.Settings.from(args, System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(BAD_ARGUMENT_EXIT);
            return;
        }
        TargetServer server = start(config, background, agentSettings);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "target-shutdown"));
    }

    /** Starts a replica in this JVM (tests and main). */
    public static TargetServer start(TargetConfig config) {
        return start(config, Executors.newScheduledThreadPool(1, daemonThreads("background")), AgentSockets.Settings.none());
    }

    /** Starts a replica in this JVM with the agents' WebSocket endpoint as {@code --agent-*} arguments set it (tests). */
    static TargetServer start(TargetConfig config, String... agentArguments) {
        return start(config, Executors.newScheduledThreadPool(1, daemonThreads("background")),
                AgentSockets.Settings.from(agentArguments, new java.util.Properties()));
    }

    private static TargetServer start(TargetConfig config, ScheduledExecutorService background,
                                      AgentSockets.Settings agentSettings) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        RSAKey key = config.signingKeyJwk() == null ? Tokens.generateKey() : Tokens.parseKey(config.signingKeyJwk());
        if (config.signingKeyJwk() == null) {
            logger.warn("{}: no signing key given, generated one: tokens will not verify on other replicas", config.replicaId());
        }
        Tokens tokens = new Tokens(key, config.replicaId());
        OidcTokens oidcTokens = new OidcTokens(config.oidcKeyJwk() == null ? OidcTokens.generateKey()
                : OidcTokens.parseKey(config.oidcKeyJwk()), "http://" + HOST + ":" + config.port(), config.replicaId());
        UnifiedJedis redis = redisClient(config);
        ExecutorService workers = Executors.newFixedThreadPool(config.threads(), daemonThreads("http"));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(HOST, config.port()), 1024);
        } catch (BindException e) {
            redis.close();
            throw new IllegalStateException("port " + config.port() + " is already in use: free it or choose another"
                    + " (aftershock.target.first-port / --port)", e);
        } catch (IOException e) {
            redis.close();
            throw new UncheckedIOException("cannot listen on " + HOST + ":" + config.port(), e);
        }
        TargetServer target = new TargetServer(config, redis, server, workers, background);
        if (agentSettings.port() > 0) {
            target.agents = new AgentSockets(config, agentSettings, redis);
        }
        HttpHandler routes = target.router(tokens, oidcTokens);
        if (config.has(Defect.HANGING_HEALTH) && config.killedAt() != null) {
            routes = HangingHealth.wrap(routes, config.replicaId(), config.killedAt(), config.hangingHealth(), background);
        }
        if (config.has(Defect.HANGING_HEALTH)) {
            routes = HangingHealth.whileRedisDown(routes, config.replicaId(), () -> !target.redisHealthy.get(), background);
        }
        server.createContext("/", routes);
        server.setExecutor(workers);
        server.start();
        background.scheduleWithFixedDelay(target::heartbeat, 0, 1, TimeUnit.SECONDS);
        target.leader.start();
        if (target.agents != null) {
            target.agents.begin(background);
        }
        logger.info("{} listening on http://{}:{} (redis {}, defects {})", config.replicaId(), HOST,
                config.port(), config.sentinelMode() ? "sentinels " + config.sentinels() : config.redis(),
                config.defects().isEmpty() ? "none" : Defect.toList(config.defects()));
        return target;
    }

    private JsonHttp.Router router(Tokens tokens, OidcTokens oidcTokens) {
        // The API key comes from the environment the runner started us with, never from the command line.
        Callers callers = new Callers(config, tokens, oidcTokens, redis, System.getenv("API_KEY"));
        AuthEndpoints auth = new AuthEndpoints(config, tokens, oidcTokens, redis, callers.sessions());
        ApiEndpoints api = new ApiEndpoints(config, callers, redis);
        StateEndpoints state = new StateEndpoints(config, callers, redis);
        LeaderEndpoints leaderViews = leader.endpoints(config, callers, redis);
        JsonHttp.Router router = new JsonHttp.Router();
        if (agents != null) {
            router.onPrefix("POST", AgentSockets.COMMANDS_PREFIX, agents::command);
        }
        return router
                .on("GET", "/health", exchange -> Reply.json(200, Map.of("status", "UP", "replica", config.replicaId(),
                        "pid", ProcessHandle.current().pid())))
                .on("GET", "/ready", exchange -> ready())
                .on("GET", "/.well-known/jwks.json", exchange -> Reply.json(200, tokens.publicJwkSet(oidcTokens.publicKey())))
                .on("GET", "/.well-known/openid-configuration", auth::discovery)
                .on("POST", "/api/auth/login", auth::login)
                .on("POST", "/api/auth/refresh", auth::refresh)
                .on("POST", "/api/session/login", auth::sessionLogin)
                .on("POST", "/oauth2/token", auth::token)
                .on("GET", "/api/auth/jwt/status", exchange -> api.jwtStatus(exchange))
                .on("GET", "/api/agents", api::agents)
                .on("GET", LeaderEndpoints.LEADER, leaderViews::leader)
                .on("GET", LeaderEndpoints.RUNS, leaderViews::runs)
                .on("GET", "/api/keys", state::listKeys)
                .on("POST", "/api/keys", state::createKey)
                .onPrefix("PUT", StateEndpoints.SESSIONS_PREFIX, state::putSession)
                .onPrefix("GET", StateEndpoints.SESSIONS_PREFIX, state::getSession);
    }

    private Reply ready() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replica", config.replicaId());
        try {
            redis.ping();
            body.put("status", "READY");
            body.put("redis", "UP");
            return Reply.json(200, body);
        } catch (JedisException e) {
            body.put("status", "NOT_READY");
            body.put("redis", "DOWN");
            body.put("error_description", String.valueOf(e.getMessage()));
            return Reply.json(503, body);
        }
    }

    private void heartbeat() {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("replica", config.replicaId());
        agent.put("port", config.port());
        agent.put("pid", ProcessHandle.current().pid());
        agent.put("heartbeat", Instant.now().toString());
        try {
            String key = ApiEndpoints.AGENT_PREFIX + config.replicaId();
            String value = JsonHttp.JSON.writeValueAsString(agent);
            if (!config.has(Defect.NO_REGISTRY_REBUILD)) {
                redis.setex(key, AGENT_TTL_SECONDS, value);
            } else if (registered.get()) {
                // Only refreshes an entry that is still there: one lost with Redis's data is never written again.
                redis.set(key, value, SetParams.setParams().xx());
            } else {
                redis.set(key, value);
                registered.set(true);
            }
            if (redisHealthy.compareAndSet(false, true)) {
                logger.info("{}: heartbeat registered again, Redis is back", config.replicaId());
            }
        } catch (IOException | RuntimeException e) {
            if (redisHealthy.compareAndSet(true, false)) {
                logger.warn("{}: heartbeat failed, Redis unavailable: {}", config.replicaId(), e.getMessage());
            }
        }
    }

    private static UnifiedJedis redisClient(TargetConfig config) {
        return redisClient(config, config.threads() + 2);
    }

    private static UnifiedJedis redisClient(TargetConfig config, int connections) {
        JedisClientConfig client = DefaultJedisClientConfig.builder().connectionTimeoutMillis(REDIS_TIMEOUT_MILLIS)
                .socketTimeoutMillis(REDIS_TIMEOUT_MILLIS).serverDefaultProtocol().clientName(config.replicaId()).build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(connections);
        pool.setMaxIdle(connections);
        pool.setMaxWait(Duration.ofMillis(REDIS_TIMEOUT_MILLIS));
        if (config.sentinelMode()) {
            return RedisSentinelClient.builder().masterName(config.masterName())
                    .sentinels(new LinkedHashSet<>(config.sentinels())).clientConfig(client)
                    .sentinelClientConfig(client).poolConfig(pool).build();
        }
        return RedisClient.builder().hostAndPort(config.redis()).clientConfig(client).poolConfig(pool).build();
    }

    private static void watchParent(ScheduledExecutorService background) {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        background.scheduleWithFixedDelay(() -> {
            long parentNow = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            if (!parent.isAlive() || parentNow != parent.pid()) {
                logger.warn("supervisor pid {} is gone: exiting", parent.pid());
                System.exit(0);
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** The port this replica listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening and releases the Redis pool. */
    @Override
    public void close() {
        server.stop(0);
        if (agents != null) {
            agents.close();
        }
        leader.close();
        background.shutdownNow();
        workers.shutdownNow();
        redis.close();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
