package aftershock.auth;

import aftershock.client.Http;
import aftershock.client.PreflightException;
import aftershock.client.TargetPaths;
import aftershock.config.Settings;

import java.net.URI;

/**
 * Mode {@code bearer}: a JSON login ({@code aftershock.target.auth.bearer}: method, path, body template) whose answer
 * holds the access token and, optionally, a refresh token at configured JSON pointers.
 */
final class BearerLogin implements Login {

    private final Http http;
    private final URI loginUri;
    private final String method;
    private final String body;
    private final String accessPointer;
    private final String refreshPointer;
    private final Credentials credentials;

    BearerLogin(Http http, URI baseUrl, Settings bearer, Credentials credentials) {
        this.http = http;
        this.loginUri = TargetPaths.under(baseUrl, bearer.string("path"));
        this.method = bearer.string("method");
        this.body = bearer.string("body");
        this.accessPointer = bearer.string("access-token-pointer");
        this.refreshPointer = bearer.string("refresh-token-pointer");
        this.credentials = credentials;
    }

    @Override
    public SignedIn signIn() {
        Http.Answer answer = credentials.logIn(http, method, loginUri, body, "bearer");
        String token = answer.json().at(accessPointer).asText("");
        if (token.isEmpty()) {
            throw new PreflightException("login at " + loginUri + " answered without an access token at JSON pointer "
                    + accessPointer + ": set aftershock.target.auth.bearer.access-token-pointer to where the token is");
        }
        String refresh = refreshPointer.isEmpty() ? "" : answer.json().at(refreshPointer).asText("");
        return SignedIn.bearer(token, refresh);
    }

    @Override
    public AuthMode mode() {
        return AuthMode.BEARER;
    }
}
