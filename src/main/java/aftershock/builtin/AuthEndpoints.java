package aftershock.builtin;

import aftershock.builtin.JsonHttp.Failure;
import aftershock.builtin.JsonHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Login, refresh-token rotation, cookie sessions and the RFC 6749 token endpoint (RS256 tokens of a URL issuer).
 * Refresh tokens live in Redis ("refresh:&lt;token&gt;", 24 h TTL) and are consumed atomically with GETDEL.
 * While Redis is down, login still answers 200 with an access token but no refresh_token (RFC 6749 makes
 * it optional) and the header {@code X-Aftershock-Degraded: refresh-token-unavailable}; refresh answers 503.
 */
final class AuthEndpoints {

    private static final Logger logger = LoggerFactory.getLogger(AuthEndpoints.class);
    private static final long REFRESH_TTL_SECONDS = 24 * 3600;
    static final String DEGRADED_HEADER = "X-Aftershock-Degraded";

    private final TargetConfig config;
    private final Tokens tokens;
    private final OidcTokens oidcTokens;
    private final UnifiedJedis redis;
    private final WebSessions sessions;
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();

    AuthEndpoints(TargetConfig config, Tokens tokens, OidcTokens oidcTokens, UnifiedJedis redis, WebSessions sessions) {
        this.config = config;
        this.tokens = tokens;
        this.oidcTokens = oidcTokens;
        this.redis = redis;
        this.sessions = sessions;
    }

    /**
     * POST /api/session/login {"username","password"}: a cookie session in Redis. Sets {@code SESSION} (HttpOnly) and
     * {@code XSRF-TOKEN} (readable, the CSRF token state-changing requests send back as {@code X-XSRF-TOKEN}).
     */
    Reply sessionLogin(HttpExchange exchange) throws IOException {
        JsonNode body = JsonHttp.jsonBody(exchange);
        plantedFailure(Defect.LOGIN_FAILURES, logins, 401, "invalid_credentials");
        if (!validCredentials(JsonHttp.text(body, "username"), JsonHttp.text(body, "password"))) {
            throw new Failure(401, "invalid_credentials", "wrong username or password");
        }
        WebSessions.Session session;
        try {
            session = sessions.open(config.adminUsername());
        } catch (JedisException e) {
            return JsonHttp.redisDown(e);
        }
        long maxAge = WebSessions.LIFETIME.toSeconds();
        return Reply.json(200, Map.of("csrf", session.csrf()))
                .withHeader("Set-Cookie", WebSessions.COOKIE + "=" + session.id() + "; Path=/; Max-Age=" + maxAge + "; HttpOnly"
                        + "\n" + WebSessions.CSRF_COOKIE + "=" + session.csrf() + "; Path=/; Max-Age=" + maxAge);
    }

    /** POST /api/auth/login {"username","password"}. */
    Reply login(HttpExchange exchange) throws IOException {
        JsonNode body = JsonHttp.jsonBody(exchange);
        plantedFailure(Defect.LOGIN_FAILURES, logins, 401, "invalid_credentials");
        if (!validCredentials(JsonHttp.text(body, "username"), JsonHttp.text(body, "password"))) {
            throw new Failure(401, "invalid_credentials", "wrong username or password");
        }
        return issue(config.adminUsername(), null, false);
    }

    /** POST /api/auth/refresh {"refresh_token"}: rotates; a reused or unknown token is 401. */
    Reply refresh(HttpExchange exchange) throws IOException {
        String presented = JsonHttp.text(JsonHttp.jsonBody(exchange), "refresh_token");
        if (presented == null || presented.isBlank()) {
            throw new Failure(400, "invalid_request", "refresh_token is required");
        }
        plantedFailure(Defect.REFRESH_FAILURES, refreshes, 401, "invalid_refresh_token");
        String subject = redis.getDel(refreshKey(presented));
        if (subject == null) {
            throw new Failure(401, "invalid_refresh_token", "unknown, expired or already used refresh token");
        }
        return rotated(subject, false);
    }

    /** POST /oauth2/token, form-encoded grant_type=password or grant_type=refresh_token. */
    Reply token(HttpExchange exchange) throws IOException {
        Map<String, String> form = JsonHttp.formBody(exchange);
        String grantType = form.get("grant_type");
        try {
            if ("password".equals(grantType)) {
                if (form.get("client_id") == null || form.get("client_id").isBlank()) {
                    throw new Failure(400, "invalid_request", "client_id is required");
                }
                plantedFailure(Defect.LOGIN_FAILURES, logins, 401, "invalid_client");
                if (!validCredentials(form.get("username"), form.get("password"))) {
                    throw new Failure(400, "invalid_grant", "wrong username or password");
                }
                return issue(config.adminUsername(), form.get("scope"), true);
            }
            if ("refresh_token".equals(grantType)) {
                String presented = form.get("refresh_token");
                plantedFailure(Defect.REFRESH_FAILURES, refreshes, 400, "invalid_grant");
                String subject = presented == null || presented.isBlank() ? null : redis.getDel(refreshKey(presented));
                if (subject == null) {
                    throw new Failure(400, "invalid_grant", "unknown, expired or already used refresh token");
                }
                return rotated(subject, true);
            }
        } catch (JedisException e) {
            throw new Failure(Reply.json(503, Map.of("error", "temporarily_unavailable",
                    "error_description", "Redis is unavailable: " + e.getMessage())).withHeader("Retry-After", "1"));
        }
        throw new Failure(400, grantType == null ? "invalid_request" : "unsupported_grant_type",
                "grant_type must be password or refresh_token");
    }

    /** With the defect planted, every fifth call (exactly 20 %) fails at once with this status and OAuth error code. */
    private void plantedFailure(Defect defect, AtomicLong calls, int status, String error) {
        if (config.has(defect) && calls.incrementAndGet() % 5 == 0) {
            throw new Failure(status, error, "planted defect " + defect.key() + ": this call fails on purpose");
        }
    }

    /** GET /.well-known/openid-configuration: the issuer is this replica's URL, its tokens RS256. */
    Reply discovery(HttpExchange exchange) {
        String base = "http://127.0.0.1:" + config.port();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", oidcTokens.issuer());
        body.put("token_endpoint", base + "/oauth2/token");
        body.put("jwks_uri", base + "/.well-known/jwks.json");
        body.put("grant_types_supported", new String[] {"password", "refresh_token"});
        body.put("token_endpoint_auth_methods_supported", new String[] {"none"});
        body.put("id_token_signing_alg_values_supported", new String[] {"RS256"});
        return Reply.json(200, body);
    }

    private Reply rotated(String subject, boolean oidc) {
        Map<String, Object> response = tokenResponse(subject, null, oidc);
        String refresh = Tokens.newRefreshToken();
        redis.setex(refreshKey(refresh), REFRESH_TTL_SECONDS, subject);
        response.put("refresh_token", refresh);
        return Reply.json(200, response);
    }

    private Reply issue(String subject, String scope, boolean oidc) {
        Map<String, Object> response = tokenResponse(subject, scope, oidc);
        String refresh = Tokens.newRefreshToken();
        try {
            redis.setex(refreshKey(refresh), REFRESH_TTL_SECONDS, subject);
        } catch (JedisException e) {
            logger.debug("login without refresh token, Redis is down: {}", e.getMessage());
            return Reply.json(200, response).withHeader(DEGRADED_HEADER, "refresh-token-unavailable");
        }
        response.put("refresh_token", refresh);
        return Reply.json(200, response);
    }

    private Map<String, Object> tokenResponse(String subject, String scope, boolean oidc) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", oidc ? oidcTokens.issueAccessToken(subject, scope) : tokens.issueAccessToken(subject, scope));
        response.put("token_type", "Bearer");
        response.put("expires_in", Tokens.ACCESS_TOKEN_LIFETIME.toSeconds());
        if (scope != null && !scope.isBlank()) {
            response.put("scope", scope);
        }
        return response;
    }

    private boolean validCredentials(String username, String password) {
        if (username == null || password == null) {
            return false;
        }
        boolean userMatches = MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8),
                config.adminUsername().getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                config.adminPassword().getBytes(StandardCharsets.UTF_8));
        return userMatches & passwordMatches;
    }

    private static String refreshKey(String token) {
        return "refresh:" + token;
    }
}
