package aftershock.client;

import java.util.Map;

/**
 * What an authenticated request carries, whatever the login: a bearer token, a session cookie with its CSRF header,
 * an API key. The values are secrets: never print them.
 *
 * <pre>
 *   http.get(uri, Credentials.bearer(token));
 *   http.send("PUT", uri, signedIn, "{\"value\":\"1\"}");   // a SignedIn from the target's login mode
 * </pre>
 */
public interface Credentials {

    /** Header name to value, a {@code Cookie} header included when there are cookies. */
    Map<String, String> requestHeaders();

    /** {@code Authorization: Bearer <token>}; nothing when the token is null or empty. */
    static Credentials bearer(String token) {
        return () -> token == null || token.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    /** Nothing to send. */
    Credentials NONE = Map::of;
}
