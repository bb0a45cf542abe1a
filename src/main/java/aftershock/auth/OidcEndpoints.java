package aftershock.auth;

import aftershock.config.ConfigurationException;
import aftershock.client.Http;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;

/**
 * Where an OAuth2/OIDC provider takes tokens and publishes keys: configured, or discovered from
 * {@code /.well-known/openid-configuration} under the base URL.
 */
public record OidcEndpoints(URI tokenEndpoint, URI jwksUri, String issuer) {

    /** Uses the configured values; the empty ones are filled from the provider's discovery document. */
    public static OidcEndpoints resolve(Http http, URI baseUrl, String tokenEndpoint, String jwksUri, String issuer) {
        if (!tokenEndpoint.isEmpty() && !jwksUri.isEmpty()) {
            return new OidcEndpoints(URI.create(tokenEndpoint), URI.create(jwksUri), issuer);
        }
        URI discovery = baseUrl.resolve("/.well-known/openid-configuration");
        Http.Answer answer = http.get(discovery, null);
        if (!answer.ok()) {
            throw new ConfigurationException("no OIDC discovery document at " + discovery + " ("
                    + (answer.failure() != null ? answer.failure() : "status " + answer.status())
                    + "): set aftershock.jwt-stress.oidc.token-endpoint and jwks-uri");
        }
        JsonNode document = answer.json();
        return new OidcEndpoints(
                URI.create(tokenEndpoint.isEmpty() ? document.path("token_endpoint").asText() : tokenEndpoint),
                URI.create(jwksUri.isEmpty() ? document.path("jwks_uri").asText() : jwksUri),
                issuer.isEmpty() ? document.path("issuer").asText("") : issuer);
    }
}
