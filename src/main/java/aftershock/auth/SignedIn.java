package aftershock.auth;

import aftershock.client.Credentials;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One signed-in identity: the headers and cookies every authenticated request carries. Its values are secrets: its
 * {@link #toString()} names the headers and cookies, never their values.
 *
 * @param headers      header name to value ({@code Authorization: Bearer ...}, an API key, a CSRF token)
 * @param cookies      cookie name to value (a session cookie)
 * @param accessToken  the bearer token, or empty when the mode has none
 * @param refreshToken the refresh token, or empty
 */
public record SignedIn(Map<String, String> headers, Map<String, String> cookies, String accessToken, String refreshToken)
        implements Credentials {

    public SignedIn {
        headers = Map.copyOf(headers);
        cookies = Map.copyOf(cookies);
    }

    /** Nothing to send: mode none. */
    public static SignedIn anonymous() {
        return new SignedIn(Map.of(), Map.of(), "", "");
    }

    /** A bearer token, sent as {@code Authorization: Bearer <token>}. */
    public static SignedIn bearer(String accessToken, String refreshToken) {
        return new SignedIn(Map.of("Authorization", "Bearer " + accessToken), Map.of(), accessToken, refreshToken);
    }

    /** The headers, and the cookies as one {@code Cookie} header: what a request outside Gatling sends. */
    @Override
    public Map<String, String> requestHeaders() {
        if (cookies.isEmpty()) {
            return headers;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Cookie", cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; ")));
        return all;
    }

    @Override
    public String toString() {
        return "SignedIn[headers=" + headers.keySet() + ", cookies=" + cookies.keySet() + "]";
    }
}
