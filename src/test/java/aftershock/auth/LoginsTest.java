package aftershock.auth;

import aftershock.client.Http;
import aftershock.client.PreflightException;
import aftershock.config.Settings;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each login mode against a small service under a base path, with right and wrong credentials. */
class LoginsTest {

    private static final String PASSWORD = "pa\"ss-word-7";
    private static final String API_KEY = "key-0123456789";

    @TempDir
    Path dir;
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/gw/v1/login", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonBody json = new JsonBody(body);
            if (json.has("user", "admin") && json.has("secret", PASSWORD)) {
                answer(exchange, 200, "{\"data\":{\"jwt\":\"tok-1\",\"renew\":\"ref-1\"}}");
            } else {
                answer(exchange, 401, "{\"error\":\"bad credentials\"}");
            }
        });
        server.createContext("/gw/v1/session", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (new JsonBody(body).has("username", "admin") && new JsonBody(body).has("password", PASSWORD)) {
                exchange.getResponseHeaders().add("Set-Cookie", "SESSION=s-42; Path=/; HttpOnly");
                exchange.getResponseHeaders().add("Set-Cookie", "XSRF-TOKEN=x-7; Path=/");
                answer(exchange, 200, "{\"csrf\":\"from-body\"}");
            } else {
                answer(exchange, 401, "{}");
            }
        });
        server.createContext("/gw/v1/me", exchange -> answer(exchange,
                API_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key")) ? 200 : 401, "{}"));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gw/v1");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void bearerLogsInWithItsBodyTemplateAndReadsTheTokensAtTheirPointers() throws IOException {
        // Given a login under the base path with its own body and answer shape
        Settings target = target(PASSWORD, "aftershock.target.auth.mode", "bearer",
                "aftershock.target.auth.bearer.path", "/login",
                "aftershock.target.auth.bearer.body", "{\"user\":\"{username}\",\"secret\":\"{password}\"}",
                "aftershock.target.auth.bearer.access-token-pointer", "/data/jwt",
                "aftershock.target.auth.bearer.refresh-token-pointer", "/data/renew");

        // When it signs in
        SignedIn user = Logins.from(target, http(), base).signIn();

        // Then the token is sent as a bearer header and the refresh token is kept
        assertThat(user.headers()).containsEntry("Authorization", "Bearer tok-1");
        assertThat(user.refreshToken()).isEqualTo("ref-1");
    }

    @Test
    void bearerWithAWrongPasswordIsRefusedInOneLineThatNeverShowsThePassword() throws IOException {
        Settings target = target("wrong-pass-123", "aftershock.target.auth.mode", "bearer",
                "aftershock.target.auth.bearer.path", "/login",
                "aftershock.target.auth.bearer.body", "{\"user\":\"{username}\",\"secret\":\"{password}\"}");

        assertThatThrownBy(() -> Logins.from(target, http(), base).signIn())
                .isInstanceOf(PreflightException.class)
                .hasMessage("login as 'admin' was refused by " + base + "/login (401): set ADMIN_USERNAME and"
                        + " ADMIN_PASSWORD (or aftershock.target.admin-password-file) to working credentials")
                .hasMessageNotContaining("wrong-pass-123");
    }

    @Test
    void bearerWithoutATokenAtThePointerNamesThePointer() throws IOException {
        Settings target = target(PASSWORD, "aftershock.target.auth.mode", "bearer",
                "aftershock.target.auth.bearer.path", "/login",
                "aftershock.target.auth.bearer.body", "{\"user\":\"{username}\",\"secret\":\"{password}\"}");

        assertThatThrownBy(() -> Logins.from(target, http(), base).signIn())
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("without an access token at JSON pointer /access_token");
    }

    @Test
    void cookieKeepsTheSessionCookieAndSendsTheCsrfCookieAsAHeader() throws IOException {
        Settings target = target(PASSWORD, "aftershock.target.auth.mode", "cookie",
                "aftershock.target.auth.cookie.path", "/session",
                "aftershock.target.auth.cookie.csrf-cookie", "XSRF-TOKEN");

        SignedIn user = Logins.from(target, http(), base).signIn();

        assertThat(user.cookies()).containsEntry("SESSION", "s-42").containsEntry("XSRF-TOKEN", "x-7");
        assertThat(user.headers()).containsExactlyEntriesOf(java.util.Map.of("X-XSRF-TOKEN", "x-7"));
        assertThat(user.toString()).doesNotContain("s-42").doesNotContain("x-7");
    }

    @Test
    void cookieTakesTheCsrfTokenFromTheLoginAnswerWhenToldTo() throws IOException {
        Settings target = target(PASSWORD, "aftershock.target.auth.mode", "cookie",
                "aftershock.target.auth.cookie.path", "/session",
                "aftershock.target.auth.cookie.csrf-pointer", "/csrf",
                "aftershock.target.auth.cookie.csrf-header", "X-CSRF-TOKEN");

        assertThat(Logins.from(target, http(), base).signIn().headers()).containsEntry("X-CSRF-TOKEN", "from-body");
    }

    @Test
    void cookieWithAWrongPasswordOrAMissingCsrfCookieIsRefusedInOneLine() throws IOException {
        Settings wrong = target("nope-nope", "aftershock.target.auth.mode", "cookie",
                "aftershock.target.auth.cookie.path", "/session");
        assertThatThrownBy(() -> Logins.from(wrong, http(), base).signIn())
                .isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("login as 'admin' was refused by " + base + "/session (401)");

        Settings noCsrf = target(PASSWORD, "aftershock.target.auth.mode", "cookie",
                "aftershock.target.auth.cookie.path", "/session", "aftershock.target.auth.cookie.csrf-cookie", "CSRF");
        assertThatThrownBy(() -> Logins.from(noCsrf, http(), base).signIn())
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("set no CSRF cookie (it set [SESSION, XSRF-TOKEN])");
    }

    @Test
    void headerSendsTheKeyFromItsFileAndIsCheckedOnTheCheckPath() throws IOException {
        Settings target = withKey(API_KEY);

        SignedIn user = Logins.from(target, http(), base).signIn();

        assertThat(user.headers()).containsExactlyEntriesOf(java.util.Map.of("X-API-Key", API_KEY));
    }

    @Test
    void headerWithAWrongKeyIsRefusedInOneLineThatNeverShowsTheKey() throws IOException {
        Settings target = withKey("not-the-key-999");

        assertThatThrownBy(() -> Logins.from(target, http(), base).signIn())
                .isInstanceOf(PreflightException.class)
                .hasMessage(base + "/me refused the X-API-Key header (401): set API_KEY (or"
                        + " aftershock.target.auth.header.value-file) to a working key")
                .hasMessageNotContaining("not-the-key-999");
    }

    @Test
    void noneSendsNothing() throws IOException {
        Settings target = target(PASSWORD, "aftershock.target.auth.mode", "none");

        SignedIn user = Logins.from(target, http(), base).signIn();

        assertThat(user.headers()).isEmpty();
        assertThat(user.cookies()).isEmpty();
    }

    @Test
    void anUnknownModeIsRefusedListingTheModes() throws IOException {
        Settings target = target(PASSWORD, "aftershock.target.auth.mode", "kerberos");

        assertThatThrownBy(() -> Logins.from(target, http(), base))
                .hasMessage("aftershock.target.auth.mode is 'kerberos': use one of none, bearer, oidc, cookie, header");
    }

    private Settings withKey(String key) throws IOException {
        Path keyFile = Files.writeString(dir.resolve("api-key"), key + "\n");
        return target(PASSWORD, "aftershock.target.auth.mode", "header",
                "aftershock.target.auth.header.value-file", keyFile.toString(),
                "aftershock.target.auth.check-path", "/me");
    }

    /** The target section, the password in a file as secrets are (never -D). */
    private Settings target(String password, String... keyValues) throws IOException {
        Path passwordFile = Files.writeString(dir.resolve("password"), password);
        Properties props = new Properties();
        props.setProperty("aftershock.target.admin-password-file", passwordFile.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Settings.load(props).section("target");
    }

    private static Http http() {
        return new Http(Duration.ofSeconds(2));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The login body as the service parses it: real JSON, so a badly escaped password would not match. */
    private record JsonBody(String text) {
        boolean has(String field, String value) {
            try {
                return value.equals(Http.JSON.readTree(text).path(field).asText(null));
            } catch (IOException e) {
                return false;
            }
        }
    }
}
