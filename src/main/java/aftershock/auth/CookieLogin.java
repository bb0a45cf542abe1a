package aftershock.auth;

import aftershock.client.Http;
import aftershock.client.PreflightException;
import aftershock.client.TargetPaths;
import aftershock.config.Settings;

import java.net.HttpCookie;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mode {@code cookie}: a login request ({@code aftershock.target.auth.cookie}: method, path, body) that sets a session
 * cookie. An optional CSRF token, taken from a cookie (Spring Security's {@code XSRF-TOKEN}) or a JSON pointer of the
 * login answer, is sent as a header ({@code X-XSRF-TOKEN}) with every request.
 */
final class CookieLogin implements Login {

    private final Http http;
    private final URI loginUri;
    private final String method;
    private final String body;
    private final String csrfCookie;
    private final String csrfPointer;
    private final String csrfHeader;
    private final Credentials credentials;

    CookieLogin(Http http, URI baseUrl, Settings cookie, Credentials credentials) {
        this.http = http;
        this.loginUri = TargetPaths.under(baseUrl, cookie.string("path"));
        this.method = cookie.string("method");
        this.body = cookie.string("body");
        this.csrfCookie = cookie.string("csrf-cookie").trim();
        this.csrfPointer = cookie.string("csrf-pointer").trim();
        this.csrfHeader = cookie.string("csrf-header").trim();
        this.credentials = credentials;
    }

    @Override
    public SignedIn signIn() {
        Http.Answer answer = credentials.logIn(http, method, loginUri, body, "cookie");
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String setCookie : answer.headers().allValues("Set-Cookie")) {
            for (HttpCookie cookie : HttpCookie.parse(setCookie)) {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        if (cookies.isEmpty()) {
            throw new PreflightException("login at " + loginUri + " answered " + answer.status() + " without setting a"
                    + " cookie: mode cookie needs a session cookie; choose another aftershock.target.auth.mode");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String csrf = csrfToken(answer, cookies);
        if (!csrf.isEmpty()) {
            headers.put(csrfHeader, csrf);
        }
        return new SignedIn(headers, cookies, "", "");
    }

    private String csrfToken(Http.Answer answer, Map<String, String> cookies) {
        if (!csrfCookie.isEmpty()) {
            String token = cookies.getOrDefault(csrfCookie, "");
            if (token.isEmpty()) {
                throw new PreflightException("login at " + loginUri + " set no " + csrfCookie + " cookie (it set "
                        + List.copyOf(cookies.keySet()) + "): set aftershock.target.auth.cookie.csrf-cookie to the CSRF"
                        + " cookie's name, or empty it");
            }
            return token;
        }
        if (!csrfPointer.isEmpty()) {
            String token = answer.json().at(csrfPointer).asText("");
            if (token.isEmpty()) {
                throw new PreflightException("login at " + loginUri + " answered no CSRF token at JSON pointer "
                        + csrfPointer + ": set aftershock.target.auth.cookie.csrf-pointer to where it is, or empty it");
            }
            return token;
        }
        return "";
    }

    @Override
    public AuthMode mode() {
        return AuthMode.COOKIE;
    }
}
