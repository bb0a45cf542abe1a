package aftershock.builtin;

import aftershock.builtin.JsonHttp.Failure;
import aftershock.builtin.JsonHttp.Reply;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import redis.clients.jedis.UnifiedJedis;

import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Who is calling: a Bearer token (verified in full on every request: RS256 from the login or from the OAuth2 issuer, told apart by key id), an {@code X-API-Key} equal to the API_KEY the target was started with, or
 * a {@code SESSION} cookie of a session in Redis ({@link WebSessions}); a state-changing request made with the cookie
 * must carry the session's CSRF token as {@code X-XSRF-TOKEN}, as Spring Security's cookie CSRF repository expects.
 */
final class Callers {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String CSRF_HEADER = "X-XSRF-TOKEN";

    private final TargetConfig config;
    private final Tokens tokens;
    private final OidcTokens oidcTokens;
    private final WebSessions sessions;
    private final String apiKey;

    Callers(TargetConfig config, Tokens tokens, OidcTokens oidcTokens, UnifiedJedis redis, String apiKey) {
        this.config = config;
        this.tokens = tokens;
        this.oidcTokens = oidcTokens;
        this.sessions = new WebSessions(redis);
        this.apiKey = apiKey == null ? "" : apiKey;
    }

    WebSessions sessions() {
        return sessions;
    }

    /** The caller's claims; 401 with WWW-Authenticate when none of the three ways identifies it. */
    JWTClaimsSet authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                // Parsed once; the verifier whose key the header names checks signature and claims in full.
                SignedJWT token = SignedJWT.parse(header.substring(7).trim());
                return tokens.signedByThisKey(token) ? tokens.verify(token) : oidcTokens.verify(token);
            } catch (ParseException | Tokens.InvalidTokenException e) {
                throw new Failure(new Reply(401, Map.of("error", "invalid_token", "error_description", String.valueOf(e.getMessage())),
                        Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
            }
        }
        String key = exchange.getRequestHeaders().getFirst(API_KEY_HEADER);
        if (key != null) {
            if (apiKey.isEmpty() || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))) {
                throw new Failure(401, "invalid_api_key", "unknown " + API_KEY_HEADER);
            }
            return caller("api-key");
        }
        String session = cookie(exchange, WebSessions.COOKIE);
        if (session != null) {
            WebSessions.Session found = sessions.find(session)
                    .orElseThrow(() -> new Failure(401, "invalid_session", "unknown or expired session"));
            if (!"GET".equals(exchange.getRequestMethod()) && !found.csrf().equals(exchange.getRequestHeaders().getFirst(CSRF_HEADER))) {
                throw new Failure(403, "invalid_csrf_token", "a request with the session cookie must send " + CSRF_HEADER);
            }
            return caller(found.subject());
        }
        throw new Failure(new Reply(401, Map.of("error", "invalid_token", "error_description", "missing Bearer token"),
                Map.of("WWW-Authenticate", "Bearer")));
    }

    private JWTClaimsSet caller(String id) {
        return new JWTClaimsSet.Builder().subject(config.adminUsername()).jwtID(id)
                .expirationTime(new Date(System.currentTimeMillis() + WebSessions.LIFETIME.toMillis())).build();
    }

    private static String cookie(HttpExchange exchange, String name) {
        List<String> headers = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String header : headers) {
            for (String pair : header.split(";")) {
                try {
                    for (HttpCookie cookie : HttpCookie.parse(pair.trim())) {
                        if (cookie.getName().equals(name)) {
                            return cookie.getValue();
                        }
                    }
                } catch (IllegalArgumentException e) {
                    // Not a cookie we set; look at the next one.
                }
            }
        }
        return null;
    }
}
