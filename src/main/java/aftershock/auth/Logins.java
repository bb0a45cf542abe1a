package aftershock.auth;

import aftershock.client.Http;
import aftershock.config.Settings;

import java.net.URI;

/** Builds the {@link Login} that {@code aftershock.target.auth.mode} chooses. */
public final class Logins {

    private Logins() {
    }

    /**
     * @param target  the {@code aftershock.target} section
     * @param baseUrl the target's base URL: login paths are under its path
     */
    public static Login from(Settings target, Http http, URI baseUrl) {
        Settings auth = target.section("auth");
        Credentials credentials = new Credentials(target.string("admin-username"), Secret.read(target, "admin-password"));
        return switch (AuthMode.parse(auth.string("mode"))) {
            case NONE -> new Login() {
                @Override
                public SignedIn signIn() {
                    return SignedIn.anonymous();
                }

                @Override
                public AuthMode mode() {
                    return AuthMode.NONE;
                }
            };
            case BEARER -> new BearerLogin(http, baseUrl, auth.section("bearer"), credentials);
            case OIDC -> new OidcLogin(http, baseUrl, auth.section("oidc"), credentials);
            case COOKIE -> new CookieLogin(http, baseUrl, auth.section("cookie"), credentials);
            case HEADER -> new HeaderLogin(http, baseUrl, auth.section("header"), auth.string("check-path"));
        };
    }
}
