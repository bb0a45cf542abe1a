package aftershock.builtin;

import aftershock.builtin.JsonHttp.Failure;
import aftershock.builtin.JsonHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * Bearer-protected views of the leader election: who holds the lease now ({@code GET /api/leader}) and the leader
 * job's recorded runs ({@code GET /api/leader/runs?since=2026-01-01T00:00:00Z}), read from Redis, so every replica
 * answers the same.
 */
final class LeaderEndpoints {

    static final String LEADER = "/api/leader";
    static final String RUNS = "/api/leader/runs";

    private final TargetConfig config;
    private final Callers callers;
    private final UnifiedJedis redis;
    private final BooleanSupplier leading;
    private final Supplier<String> holder;

    /** {@code leading}: whether this replica leads; {@code holder}: who holds the lease now (null: nobody). */
    LeaderEndpoints(TargetConfig config, Callers callers, UnifiedJedis redis, BooleanSupplier leading, Supplier<String> holder) {
        this.config = config;
        this.callers = callers;
        this.redis = redis;
        this.leading = leading;
        this.holder = holder;
    }

    /** GET /api/leader: the lease's holder (null when none), its term, and whether this replica leads. */
    Reply leader(HttpExchange exchange) {
        callers.authenticate(exchange);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("holder", holder.get());
        String term = redis.get(LeaderElection.TERM_KEY);
        body.put("term", term == null ? 0 : Long.parseLong(term));
        body.put("replica", config.replicaId());
        body.put("leading", leading.getAsBoolean());
        return Reply.json(200, body);
    }

    /** GET /api/leader/runs: every recorded run of the leader job, oldest first, from {@code since} on if given. */
    Reply runs(HttpExchange exchange) throws IOException {
        callers.authenticate(exchange);
        Instant since = since(exchange.getRequestURI().getRawQuery());
        List<JsonNode> runs = new ArrayList<>();
        for (String run : redis.lrange(LeaderElection.RUNS_KEY, 0, -1)) {
            JsonNode node = JsonHttp.JSON.readTree(run);
            if (since == null || !Instant.parse(node.path("at").asText()).isBefore(since)) {
                runs.add(node);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", runs);
        body.put("count", runs.size());
        return Reply.json(200, body);
    }

    private static Instant since(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("since=")) {
                String value = URLDecoder.decode(pair.substring("since=".length()), StandardCharsets.UTF_8);
                try {
                    return Instant.parse(value);
                } catch (DateTimeParseException e) {
                    throw new Failure(400, "invalid_request", "since=" + value
                            + " is not an ISO-8601 instant: write it as 2026-01-01T00:00:00Z");
                }
            }
        }
        return null;
    }
}
