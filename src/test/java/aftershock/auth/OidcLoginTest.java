package aftershock.auth;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.client.PreflightException;
import aftershock.config.Settings;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mode oidc against an issuer we did not write (NAV's mock-oauth2-server), found by discovery from its URL. */
class OidcLoginTest {

    private static final String CLIENT_SECRET = "client-secret-5150";

    @TempDir
    Path dir;
    private MockOAuth2Server issuer;
    private String issuerUrl;

    @BeforeEach
    void start() throws Exception {
        issuer = new MockOAuth2Server();
        issuer.start(InetAddress.getByName("127.0.0.1"), 0);
        // An issuer with a path, as Keycloak's realms have: discovery is under it, never at the host's root.
        issuerUrl = issuer.issuerUrl("realms-staging").toString();
    }

    @AfterEach
    void stop() {
        issuer.shutdown();
    }

    @Test
    void thePasswordGrantIsOneFormEncodedTokenRequestWhoseJwtVerifiesAgainstTheJwks() throws Exception {
        // Given the oidc mode with only the issuer URL
        Login login = Logins.from(target("password"), http(), URI.create("http://127.0.0.1:9/unused"));

        // When it signs in
        SignedIn user = login.signIn();

        // Then the access token is an RS256 JWT of that issuer, sent as a bearer token
        SignedJWT token = SignedJWT.parse(user.accessToken());
        assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(issuerUrl);
        assertThat(user.headers()).containsEntry("Authorization", "Bearer " + user.accessToken());
        // And the request was form-encoded, the password grant, the client authenticated with HTTP Basic
        issuer.takeRequest(1, TimeUnit.SECONDS); // discovery
        RecordedRequest tokenRequest = issuer.takeRequest(1, TimeUnit.SECONDS);
        assertThat(tokenRequest.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(tokenRequest.getBody().readUtf8()).contains("grant_type=password").contains("username=admin")
                .doesNotContain("client_secret");
        assertThat(tokenRequest.getHeader("Authorization")).startsWith("Basic ");
    }

    @Test
    void clientCredentialsNeverKeepsARefreshToken() throws Exception {
        SignedIn client = Logins.from(target("client-credentials"), http(), URI.create("http://127.0.0.1:9/")).signIn();

        assertThat(SignedJWT.parse(client.accessToken()).getJWTClaimsSet().getIssuer()).isEqualTo(issuerUrl);
        assertThat(client.refreshToken()).isEmpty();
    }

    @Test
    void theRefreshFormIsAcceptedByTheIssuerAndAnUnknownRefreshTokenIsRefused() throws Exception {
        // Given a refresh token from this issuer (its password grant issues none, so through its authorization code flow)
        OidcLogin login = (OidcLogin) Logins.from(target("password"), http(), URI.create("http://127.0.0.1:9/"));
        String refreshToken = refreshTokenFromTheCodeFlow(login);

        // When the refresh_token grant is sent as OidcLogin builds it
        Http.Answer refreshed = tokenRequest(login, login.refreshForm(refreshToken));
        Http.Answer unknown = tokenRequest(login, login.refreshForm("not-a-refresh-token"));

        // Then the issuer answers a new access token that verifies, and refuses a token it never issued
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(login.verifier().orElseThrow().isValid(refreshed.json().path("access_token").asText())).isTrue();
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aRefusedGrantIsOneLineNamingTheUserAndTheFixWithoutTheSecrets() throws Exception {
        // Given an issuer that refuses the password as RFC 6749 §5.2 says
        HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String url = "http://127.0.0.1:" + refusing.getAddress().getPort() + "/realms/x";
        refusing.createContext("/realms/x/.well-known/openid-configuration", exchange -> answer(exchange, 200,
                "{\"issuer\":\"" + url + "\",\"token_endpoint\":\"" + url + "/token\"}"));
        refusing.createContext("/realms/x/token", exchange -> answer(exchange, 400, "{\"error\":\"invalid_grant\"}"));
        refusing.start();
        try {
            Login login = Logins.from(target("password", "aftershock.target.auth.oidc.issuer", url), http(),
                    URI.create("http://127.0.0.1:9/"));

            // Then the sign-in is refused in one line that shows neither the password nor the client secret
            assertThatThrownBy(login::signIn)
                    .isInstanceOf(PreflightException.class)
                    .hasMessage("the token endpoint " + url + "/token refused 'admin' (password grant) (400 invalid_grant):"
                            + " set ADMIN_USERNAME and ADMIN_PASSWORD (or aftershock.target.admin-password-file) to working"
                            + " credentials, and OIDC_CLIENT_SECRET to the client's secret")
                    .hasMessageNotContaining(CLIENT_SECRET)
                    .hasMessageNotContaining("right-password");
        } finally {
            refusing.stop(0);
        }
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedBeforeAnyLoad() throws Exception {
        Settings target = target("password", "aftershock.target.auth.oidc.audience", "not-this-api");

        assertThatThrownBy(() -> Logins.from(target, http(), URI.create("http://127.0.0.1:9/")).signIn())
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("does not verify against the JWKS at " + issuerUrl + "/jwks")
                .hasMessageContaining("audience not-this-api");
    }

    @Test
    void anIssuerWithoutDiscoveryIsOneLine() throws Exception {
        Settings target = target("password", "aftershock.target.auth.oidc.issuer", "http://127.0.0.1:9/realms/x");

        assertThatThrownBy(() -> Logins.from(target, http(), URI.create("http://127.0.0.1:9/")).signIn())
                .isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("no OIDC discovery document at http://127.0.0.1:9/realms/x/.well-known/openid-configuration");
    }

    private static final String REDIRECT = "http://127.0.0.1:9/callback";

    private String refreshTokenFromTheCodeFlow(OidcLogin login) {
        Http.Answer authorize = http().get(URI.create(issuerUrl + "/authorize?response_type=code&client_id=aftershock"
                + "&scope=openid&state=s1&nonce=n1&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)), Credentials.NONE);
        String location = authorize.headers().firstValue("Location").orElseThrow();
        String code = URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT);
        return tokenRequest(login, form).json().path("refresh_token").asText();
    }

    private Http.Answer tokenRequest(OidcLogin login, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http().exchange("POST", login.endpoints().tokenEndpoint(), Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", login.clientAuthorization().orElseThrow()), body);
    }

    private Settings target(String grant, String... more) throws IOException {
        Properties props = new Properties();
        props.setProperty("aftershock.target.admin-password-file",
                Files.writeString(dir.resolve("password"), "right-password").toString());
        props.setProperty("aftershock.target.auth.oidc.client-secret-file",
                Files.writeString(dir.resolve("client-secret"), CLIENT_SECRET).toString());
        props.setProperty("aftershock.target.auth.mode", "oidc");
        props.setProperty("aftershock.target.auth.oidc.issuer", issuerUrl);
        props.setProperty("aftershock.target.auth.oidc.grant", grant);
        for (int i = 0; i < more.length; i += 2) {
            props.setProperty(more[i], more[i + 1]);
        }
        return Settings.load(props).section("target");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Http http() {
        return new Http(Duration.ofSeconds(5));
    }
}
