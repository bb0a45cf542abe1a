package aftershock.probes;

import aftershock.auth.SignedIn;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.config.Settings;
import aftershock.verdict.IntegrityResult;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** SessionSurvival's sessions sign in as the run does: in cookie mode, each with a cookie of its own. */
class SessionsTest {

    private final Map<String, Boolean> liveCookies = new ConcurrentHashMap<>();
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final AtomicInteger signIns = new AtomicInteger();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/sessions/", this::handle);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void eachSessionIsReadBackWithItsOwnCookieAndALostCookieIsALostSession() {
        // Given five sessions, each signed in with a cookie of its own
        Sessions sessions = new Sessions(new Http(Duration.ofSeconds(2)), paths(), base, List.of(), this::signIn, 5);
        assertThat(sessions.create()).isEqualTo(5);
        assertThat(sessions.readBack(List.of(base)).present()).isEqualTo(5);

        // When the session store forgets two cookies
        liveCookies.remove("s-1");
        liveCookies.remove("s-2");
        IntegrityResult result = sessions.readBack(List.of(base));

        // Then those two are lost (401), never a pass
        assertThat(signIns).hasValue(5);
        assertThat(result.lost()).isEqualTo(2);
        assertThat(result.present()).isEqualTo(3);
    }

    private SignedIn signIn() {
        String cookie = "s-" + signIns.incrementAndGet();
        liveCookies.put(cookie, true);
        return new SignedIn(Map.of(), Map.of("SESSION", cookie), "", "");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String cookie = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")).replace("SESSION=", "");
        String id = exchange.getRequestURI().getPath().substring("/api/sessions/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!liveCookies.containsKey(cookie)) {
            respond(exchange, 401, "{}");
        } else if (exchange.getRequestMethod().equals("PUT")) {
            states.put(id, Http.JSON.readTree(body).path("value").asText());
            respond(exchange, 201, "{}");
        } else {
            respond(exchange, 200, "{\"state\":{\"value\":\"" + states.get(id) + "\"}}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static TargetPaths paths() {
        return TargetPaths.from(Settings.load(new Properties()).section("target").section("paths"));
    }
}
