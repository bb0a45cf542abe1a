package aftershock.builtin;

import aftershock.builtin.JsonHttp.Failure;
import aftershock.builtin.JsonHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Bearer-protected read endpoints: token status and the agent registry.
 * jwt/status is stateless (no Redis) unless the no-fallback defect makes it consult the Redis
 * revocation set "revoked-jti" without a fallback.
 */
final class ApiEndpoints {

    static final String AGENT_PREFIX = "agent:";
    private static final int MAX_SCAN_ROUNDS = 100;

    private final TargetConfig config;
    private final Callers callers;
    private final UnifiedJedis redis;

    ApiEndpoints(TargetConfig config, Callers callers, UnifiedJedis redis) {
        this.config = config;
        this.callers = callers;
        this.redis = redis;
    }

    /** GET /api/auth/jwt/status. */
    Reply jwtStatus(HttpExchange exchange) {
        JWTClaimsSet claims = callers.authenticate(exchange);
        if (config.has(Defect.NO_FALLBACK) && redis.sismember("revoked-jti", claims.getJWTID())) {
            throw new Failure(401, "invalid_token", "token revoked");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", true);
        body.put("sub", claims.getSubject());
        body.put("jti", claims.getJWTID());
        body.put("exp", claims.getExpirationTime().toInstant().getEpochSecond());
        body.put("replica", config.replicaId());
        return Reply.json(200, body);
    }

    /** GET /api/agents: every replica's heartbeat record from Redis. */
    Reply agents(HttpExchange exchange) throws IOException {
        callers.authenticate(exchange);
        List<String> keys = new ArrayList<>();
        ScanParams params = new ScanParams().match(AGENT_PREFIX + "*").count(100);
        String cursor = ScanParams.SCAN_POINTER_START;
        for (int round = 0; round < MAX_SCAN_ROUNDS; round++) {
            ScanResult<String> page = redis.scan(cursor, params);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
            if (page.isCompleteIteration()) {
                break;
            }
        }
        List<JsonNode> agents = new ArrayList<>();
        if (!keys.isEmpty()) {
            for (String value : redis.mget(keys.toArray(String[]::new))) {
                if (value != null) {
                    agents.add(JsonHttp.JSON.readTree(value));
                }
            }
        }
        agents.sort((a, b) -> a.path("replica").asText().compareTo(b.path("replica").asText()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agents", agents);
        body.put("count", agents.size());
        return Reply.json(200, body);
    }
}
