package aftershock.auth;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.client.PreflightException;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;

/**
 * Where an OAuth2/OIDC provider takes tokens and publishes keys: configured, or discovered from the issuer's
 * {@code /.well-known/openid-configuration} (OpenID Connect Discovery 1.0 §4: appended to the issuer's path).
 */
public record OidcEndpoints(URI tokenEndpoint, URI jwksUri, String issuer) {

    /** Uses the configured values; the empty ones are filled from the issuer's discovery document. */
    public static OidcEndpoints resolve(Http http, String issuer, String tokenEndpoint, String jwksUri) {
        if (!tokenEndpoint.isEmpty() && !jwksUri.isEmpty()) {
            return new OidcEndpoints(URI.create(tokenEndpoint), URI.create(jwksUri), issuer);
        }
        URI discovery = discoveryUri(issuer);
        Http.Answer answer = http.get(discovery, Credentials.NONE);
        if (!answer.ok()) {
            throw new PreflightException("no OIDC discovery document at " + discovery + " ("
                    + (answer.failure() != null ? answer.failure() : "status " + answer.status())
                    + "): set aftershock.target.auth.oidc.issuer to the issuer URL, or set token-endpoint and jwks-uri");
        }
        JsonNode document = answer.json();
        String discoveredToken = document.path("token_endpoint").asText("");
        if (tokenEndpoint.isEmpty() && discoveredToken.isEmpty()) {
            throw new PreflightException("the OIDC discovery document at " + discovery + " has no token_endpoint: set"
                    + " aftershock.target.auth.oidc.token-endpoint");
        }
        String discoveredIssuer = document.path("issuer").asText("");
        return new OidcEndpoints(
                URI.create(tokenEndpoint.isEmpty() ? discoveredToken : tokenEndpoint),
                jwksUri.isEmpty() && document.path("jwks_uri").asText("").isEmpty() ? null
                        : URI.create(jwksUri.isEmpty() ? document.path("jwks_uri").asText() : jwksUri),
                discoveredIssuer.isEmpty() ? issuer : discoveredIssuer);
    }

    static URI discoveryUri(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }
}
