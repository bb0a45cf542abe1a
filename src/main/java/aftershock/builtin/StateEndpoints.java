package aftershock.builtin;

import aftershock.builtin.JsonHttp.Failure;
import aftershock.builtin.JsonHttp.Reply;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Bearer-protected state: API keys (Redis hash "apikeys:&lt;sub&gt;", falling back to process memory while
 * Redis is down unless the no-fallback defect is planted) and per-session state (Redis hash
 * "session:&lt;id&gt;", 503 while Redis is down; process memory only with the memory-sessions defect).
 */
final class StateEndpoints {

    static final String STORE_HEADER = "X-Aftershock-Store";
    static final String SESSIONS_PREFIX = "/api/sessions/";
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final long SESSION_TTL_SECONDS = 3600;
    // Behind Sentinel a write is acknowledged only once a replica has it: a failover cannot lose it.
    private static final long REPLICA_WAIT_MILLIS = 500;
    private static final long STALE_CACHE_MILLIS = 5000;
    static final long SLOW_RESPONSE_MILLIS = 50;
    // One round trip, atomic: bump the version, store the state, refresh the TTL.
    private static final String PUT_SESSION = "local v = redis.call('HINCRBY', KEYS[1], 'version', 1) "
            + "redis.call('HSET', KEYS[1], 'state', ARGV[1]) redis.call('EXPIRE', KEYS[1], ARGV[2]) return v";

    private final TargetConfig config;
    private final Callers callers;
    private final UnifiedJedis redis;
    private final Map<String, Map<String, JsonNode>> memoryKeys = new ConcurrentHashMap<>();
    private final Map<String, MemorySession> memorySessions = new ConcurrentHashMap<>();
    private final Map<String, CachedSession> readCache = new ConcurrentHashMap<>();

    private record CachedSession(List<String> fields, long readAtMillis) {
    }

    private record MemorySession(long version, String state) {
    }

    // A restarted replica with no-session-restore forgets that sessions live in Redis.
    private boolean memorySessions() {
        return config.has(Defect.MEMORY_SESSIONS) || (config.has(Defect.NO_SESSION_RESTORE) && config.restartCount() > 0);
    }

    StateEndpoints(TargetConfig config, Callers callers, UnifiedJedis redis) {
        this.config = config;
        this.callers = callers;
        this.redis = redis;
    }

    /** GET /api/keys. */
    Reply listKeys(HttpExchange exchange) throws IOException {
        if (config.has(Defect.SLOW_RESPONSES)) {
            sleepMillis(SLOW_RESPONSE_MILLIS);
        }
        String owner = callers.authenticate(exchange).getSubject();
        List<JsonNode> keys = new ArrayList<>();
        String store = "redis";
        try {
            for (String value : redis.hgetAll(keysKey(owner)).values()) {
                keys.add(JsonHttp.JSON.readTree(value));
            }
        } catch (JedisException e) {
            if (config.has(Defect.NO_FALLBACK)) {
                throw e;
            }
            store = "memory";
            keys.addAll(memoryKeys.getOrDefault(owner, Map.of()).values());
        }
        keys.sort(Comparator.comparing(k -> k.path("created").asText()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keys", keys);
        body.put("store", store);
        return Reply.json(200, body).withHeader(STORE_HEADER, store);
    }

    /** POST /api/keys {"name"}: 201 with the new key. */
    Reply createKey(HttpExchange exchange) throws IOException {
        String owner = callers.authenticate(exchange).getSubject();
        String name = JsonHttp.text(JsonHttp.jsonBody(exchange), "name");
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("id", UUID.randomUUID().toString());
        key.put("name", name == null ? "unnamed" : name);
        key.put("key", "ak_" + Tokens.newRefreshToken());
        key.put("created", Instant.now().toString());
        key.put("replica", config.replicaId());
        String store = "redis";
        try {
            redis.hset(keysKey(owner), (String) key.get("id"), JsonHttp.JSON.writeValueAsString(key));
        } catch (JedisException e) {
            if (config.has(Defect.NO_FALLBACK)) {
                throw e;
            }
            store = "memory";
            memoryKeys.computeIfAbsent(owner, o -> new ConcurrentHashMap<>()).put((String) key.get("id"), JsonHttp.JSON.valueToTree(key));
        }
        key.put("store", store);
        return Reply.json(201, key).withHeader(STORE_HEADER, store);
    }

    /** PUT /api/sessions/{id}, body = any JSON state: 201 for the first version, 200 after. */
    Reply putSession(HttpExchange exchange) throws IOException {
        callers.authenticate(exchange);
        String id = sessionId(exchange);
        byte[] raw = JsonHttp.body(exchange);
        String state = validJson(raw);
        long version;
        String store;
        if (memorySessions()) {
            version = memorySessions.merge(id, new MemorySession(1, state),
                    (old, fresh) -> new MemorySession(old.version() + 1, state)).version();
            store = "memory";
        } else {
            version = putInRedis(id, state);
            store = "redis";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("version", version);
        body.put("replica", config.replicaId());
        body.put("store", store);
        return Reply.json(version == 1 ? 201 : 200, body);
    }

    /** GET /api/sessions/{id}: the stored state and version, 404 if missing. */
    Reply getSession(HttpExchange exchange) throws IOException {
        callers.authenticate(exchange);
        String id = sessionId(exchange);
        String version;
        String state;
        if (memorySessions()) {
            MemorySession session = memorySessions.get(id);
            version = session == null ? null : String.valueOf(session.version());
            state = session == null ? null : session.state();
        } else {
            List<String> fields = readFromRedis(id);
            version = fields.get(0);
            state = fields.get(1);
        }
        if (version == null || state == null) {
            throw new Failure(404, "session_not_found", "no session " + id + " on " + config.replicaId());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("version", Long.parseLong(version));
        body.put("state", JsonHttp.JSON.readTree(state));
        body.put("replica", config.replicaId());
        return Reply.json(200, body);
    }

    private long putInRedis(String id, String state) {
        List<String> args = List.of(state, String.valueOf(SESSION_TTL_SECONDS));
        if (!config.sentinelMode() || config.has(Defect.LOSSY_FAILOVER)) {
            return ((Number) redis.eval(PUT_SESSION, List.of(sessionKey(id)), args)).longValue();
        }
        // WAIT counts the writes of its own connection: the pipeline keeps both on one.
        try (AbstractPipeline pipeline = redis.pipelined()) {
            Response<Object> written = pipeline.eval(PUT_SESSION, List.of(sessionKey(id)), args);
            Response<Long> replicas = pipeline.waitReplicas(sessionKey(id), 1, REPLICA_WAIT_MILLIS);
            pipeline.sync();
            if (replicas.get() < 1) {
                throw new Failure(503, "not_replicated", "session " + id + " reached the Redis master but no replica"
                        + " within " + REPLICA_WAIT_MILLIS + " ms: not acknowledged, retry");
            }
            return ((Number) written.get()).longValue();
        }
    }

    private List<String> readFromRedis(String id) {
        if (config.has(Defect.STALE_READS)) {
            CachedSession cached = readCache.get(id);
            if (cached != null && System.currentTimeMillis() - cached.readAtMillis() < STALE_CACHE_MILLIS) {
                return cached.fields();
            }
        }
        List<String> fields = redis.hmget(sessionKey(id), "version", "state");
        if (config.has(Defect.STALE_READS)) {
            readCache.put(id, new CachedSession(fields, System.currentTimeMillis()));
        }
        return fields;
    }

    private static String sessionId(HttpExchange exchange) {
        String id = exchange.getRequestURI().getPath().substring(SESSIONS_PREFIX.length());
        if (!SESSION_ID.matcher(id).matches()) {
            throw new Failure(400, "invalid_request", "session ids are 1-128 characters of A-Z a-z 0-9 _ . -");
        }
        return id;
    }

    private static String validJson(byte[] raw) {
        try {
            JsonNode node = JsonHttp.JSON.readTree(raw);
            if (node == null || node.isMissingNode()) {
                throw new Failure(400, "invalid_request", "the session state must be a JSON value");
            }
            return JsonHttp.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new Failure(400, "invalid_request", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String keysKey(String owner) {
        return "apikeys:" + owner;
    }

    private static String sessionKey(String id) {
        return "session:" + id;
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
