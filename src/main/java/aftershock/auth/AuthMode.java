package aftershock.auth;

import aftershock.config.ConfigurationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the load signs in to the target: {@code aftershock.target.auth.mode}. */
public enum AuthMode {
    /** No login. */
    NONE,
    /** A JSON login answering an access token (and a refresh token), sent as {@code Authorization: Bearer}. */
    BEARER,
    /** A standard OAuth2/OIDC token endpoint: password or client_credentials grant, Bearer tokens. */
    OIDC,
    /** A login that sets a session cookie, with an optional CSRF token sent as a header. */
    COOKIE,
    /** A static header such as an API key. */
    HEADER;

    /** The mode named {@code text} (any case), or a one-line refusal listing the modes. */
    public static AuthMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("aftershock.target.auth.mode is '" + text + "': use one of "
                    + Arrays.stream(values()).map(AuthMode::text).collect(Collectors.joining(", ")));
        }
    }

    /** The name as written in the configuration. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
