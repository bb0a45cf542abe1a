package aftershock.auth;

import aftershock.client.Http;
import aftershock.client.PreflightException;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Mode {@code oidc}: one token request to a standard OAuth2 token endpoint, form-encoded as RFC 6749 requires, with
 * the password grant (refreshed with the refresh_token grant) or client_credentials (no refresh token, RFC 6749
 * §4.4.3). The endpoints come from the issuer's discovery document. A JWT access token must verify against the
 * issuer's JWKS; an opaque one is noted as such. The client authenticates with HTTP Basic (RFC 6749 §2.3.1) when it
 * has a secret.
 */
public final class OidcLogin implements Login {

    private static final Logger logger = LoggerFactory.getLogger(OidcLogin.class);

    /** The grants Aftershock signs in with. */
    public enum Grant { PASSWORD, CLIENT_CREDENTIALS }

    private final Http http;
    private final String issuer;
    private final String tokenEndpointSetting;
    private final String jwksUriSetting;
    private final Grant grant;
    private final String clientId;
    private final Secret clientSecret;
    private final String scope;
    private final String audience;
    private final Credentials credentials;
    private volatile OidcEndpoints endpoints;
    private volatile Optional<TokenVerifier> verifier;

    OidcLogin(Http http, URI baseUrl, Settings oidc, Credentials credentials) {
        this.http = http;
        String configuredIssuer = oidc.string("issuer").trim();
        this.issuer = configuredIssuer.isEmpty() ? baseUrl.toString() : configuredIssuer;
        this.tokenEndpointSetting = oidc.string("token-endpoint").trim();
        this.jwksUriSetting = oidc.string("jwks-uri").trim();
        this.grant = switch (oidc.string("grant").trim()) {
            case "password" -> Grant.PASSWORD;
            case "client-credentials", "client_credentials" -> Grant.CLIENT_CREDENTIALS;
            default -> throw new ConfigurationException("aftershock.target.auth.oidc.grant is '" + oidc.string("grant")
                    + "': use password or client-credentials");
        };
        this.clientId = oidc.string("client-id");
        this.clientSecret = Secret.read(oidc, "client-secret");
        this.scope = oidc.string("scope");
        this.audience = oidc.string("audience");
        this.credentials = credentials;
    }

    /** The token endpoint and JWKS, discovered on first use. */
    public OidcEndpoints endpoints() {
        if (endpoints == null) {
            endpoints = OidcEndpoints.resolve(http, issuer, tokenEndpointSetting, jwksUriSetting);
        }
        return endpoints;
    }

    public Grant grant() {
        return grant;
    }

    /** The form of a sign-in token request (the password grant carries the password: never print it). */
    public Map<String, String> signInForm() {
        Map<String, String> form = new LinkedHashMap<>();
        if (grant == Grant.PASSWORD) {
            form.put("grant_type", "password");
            form.put("username", credentials.username());
            form.put("password", credentials.password().value());
        } else {
            form.put("grant_type", "client_credentials");
        }
        return withClient(form);
    }

    /** The form of a refresh_token grant for {@code refreshToken} (a Gatling expression such as #{refresh} works). */
    public Map<String, String> refreshForm(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return withClient(form);
    }

    /** The Authorization header of a confidential client (HTTP Basic), or empty for a public client. */
    public Optional<String> clientAuthorization() {
        if (clientSecret.isEmpty()) {
            return Optional.empty();
        }
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret.value(), StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** Verifies the issuer's JWT access tokens; empty when the provider publishes no JWKS. */
    public Optional<TokenVerifier> verifier() {
        if (verifier == null) {
            URI jwks = endpoints().jwksUri();
            verifier = jwks == null ? Optional.empty()
                    : Optional.of(TokenVerifier.forIssuer(jwks, endpoints().issuer(), audience));
        }
        return verifier;
    }

    @Override
    public SignedIn signIn() {
        URI tokenEndpoint = endpoints().tokenEndpoint();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        clientAuthorization().ifPresent(value -> headers.put("Authorization", value));
        Http.Answer answer = http.exchange("POST", tokenEndpoint, headers, encoded(signInForm()));
        String who = grant == Grant.PASSWORD ? "'" + credentials.username() + "' (password grant)"
                : "client '" + clientId + "' (client_credentials grant)";
        if (answer.failure() != null) {
            throw new PreflightException("the token endpoint " + tokenEndpoint + " did not answer (" + answer.failure()
                    + "): is the issuer up? check aftershock.target.auth.oidc.issuer");
        }
        if (answer.status() == 400 || answer.status() == 401 || answer.status() == 403) {
            String error = answer.json().path("error").asText("");
            throw new PreflightException("the token endpoint " + tokenEndpoint + " refused " + who + " (" + answer.status()
                    + (error.isEmpty() ? "" : " " + error) + "): " + (grant == Grant.PASSWORD ? Credentials.fix()
                    + ", and OIDC_CLIENT_SECRET to the client's secret" : "set OIDC_CLIENT_SECRET and"
                    + " aftershock.target.auth.oidc.client-id to a working client"));
        }
        if (!answer.ok()) {
            throw new PreflightException("the token endpoint " + tokenEndpoint + " answered " + answer.status()
                    + " to " + who + ", expected 200: check aftershock.target.auth.oidc.issuer or token-endpoint");
        }
        JsonNode body = answer.json();
        String token = body.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new PreflightException("the token endpoint " + tokenEndpoint + " answered without an access_token"
                    + " (RFC 6749 §5.1 requires one): check aftershock.target.auth.oidc.token-endpoint");
        }
        checkToken(token);
        // RFC 6749 §4.4.3: a client_credentials answer should carry no refresh token; never use one if it does.
        String refresh = grant == Grant.PASSWORD ? body.path("refresh_token").asText("") : "";
        return SignedIn.bearer(token, refresh);
    }

    private void checkToken(String token) {
        if (!isJwt(token)) {
            logger.info("the access token from {} is opaque (not a JWT): it is used as it is, not verified",
                    endpoints().tokenEndpoint());
            return;
        }
        Optional<TokenVerifier> keys = verifier();
        if (keys.isEmpty()) {
            logger.info("the issuer publishes no jwks_uri: its JWT access tokens are used as they are, not verified");
            return;
        }
        if (!keys.get().isValid(token)) {
            throw new PreflightException("the access token from " + endpoints().tokenEndpoint() + " does not verify"
                    + " against the JWKS at " + endpoints().jwksUri() + " (signature, expiry, issuer "
                    + endpoints().issuer() + (audience.isEmpty() ? "" : ", audience " + audience)
                    + "): check aftershock.target.auth.oidc.issuer, jwks-uri and audience");
        }
    }

    /** True when {@code token} parses as a signed JWT. */
    public static boolean isJwt(String token) {
        try {
            SignedJWT.parse(token);
            return true;
        } catch (ParseException e) {
            return false;
        }
    }

    private static String encoded(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Map<String, String> withClient(Map<String, String> form) {
        if (clientSecret.isEmpty()) {
            form.put("client_id", clientId);
        }
        if (!scope.isEmpty()) {
            form.put("scope", scope);
        }
        return form;
    }

    @Override
    public AuthMode mode() {
        return AuthMode.OIDC;
    }
}
