package aftershock.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.verdict.IntegrityResult;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes that run through a fault: what is lost and what is stale is judged from what the store really answers. */
class ContinuousWritesTest {

    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private final Map<String, String> servedFromCache = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean refuseWrites;
    private volatile boolean cacheRegisterReads;
    private final Map<String, Boolean> liveSessions = new ConcurrentHashMap<>();
    private final AtomicInteger signIns = new AtomicInteger();
    private final Map<String, AtomicInteger> ownWritesIn = new ConcurrentHashMap<>();
    private HttpServer server;
    private URI first;
    private URI second;

    @BeforeEach
    void startServer() throws IOException {
        // Without TCP_NODELAY every keep-alive answer waits about 40 ms on a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/values/", this::handle);
        server.createContext("/store/", this::handleSessionStore);
        server.start();
        // Two "replicas": two addresses of the same store.
        first = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        second = URI.create("http://localhost:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void everyAcknowledgedWriteReadBackIsNeitherLostNorStale() {
        // Given writes to a store that keeps everything
        ContinuousWrites continuous = writes();

        // When they run until 40 are acknowledged
        continuous.start();
        continuous.stopAfter(40, Duration.ofSeconds(10));
        IntegrityResult result = continuous.readBack();

        // Then each was judged, and none is lost or stale
        assertThat(result.acknowledged()).isGreaterThanOrEqualTo(40);
        assertThat(result.present()).isEqualTo(result.acknowledged());
        assertThat(result.lost()).isZero();
        assertThat(result.stale()).isZero();
    }

    @Test
    void anAcknowledgedWriteTheStoreForgetsIsLostEvenWhenLaterWritesFollowIt() {
        // Given 30 acknowledged writes
        ContinuousWrites continuous = writes();
        continuous.start();
        continuous.stopAfter(30, Duration.ofSeconds(10));

        // When the store forgets three of the keys written once, as a failover loses what was not replicated
        List<String> ownKeys = stored.keySet().stream().filter(k -> k.contains("-w")).sorted().limit(3).toList();
        ownKeys.forEach(stored::remove);
        IntegrityResult result = continuous.readBack();

        // Then exactly those three are lost
        assertThat(result.lost()).isEqualTo(3);
        assertThat(result.present()).isEqualTo(result.acknowledged() - 3);
    }

    @Test
    void aWriteThatIsRefusedIsNeverAcknowledgedSoNeverLost() {
        // Given a store that refuses every write (a WAIT that timed out)
        refuseWrites = true;
        ContinuousWrites continuous = writes();

        // When writes run for a while
        continuous.start();
        continuous.stopAfter(1, Duration.ofMillis(300));
        IntegrityResult result = continuous.readBack();

        // Then they were attempted, none acknowledged, none lost
        assertThat(result.attempted()).isPositive();
        assertThat(result.acknowledged()).isZero();
        assertThat(result.lost()).isZero();
    }

    @Test
    void inCookieModeTheWritesOfASessionTheStoreLostAreLostAndTheWritesGoOnInANewSession() {
        // Given writes in cookie mode, 20 of them acknowledged in the first session
        ContinuousWrites continuous = new ContinuousWrites(new Http(Duration.ofSeconds(1)),
                DataIdentities.sessionPerValue(this::signIn), List.of(first, second),
                new DataRequests("PUT", "/store/{id}", "{\"value\":\"{value}\"}", "/store/{id}", "/value"));
        continuous.start();
        await().atMost(Duration.ofSeconds(10)).until(continuous::acknowledgedCount, n -> n >= 20);

        // When the session store loses every session, and the writes go on
        liveSessions.clear();
        continuous.stopAfter(20, Duration.ofSeconds(10));
        IntegrityResult result = continuous.readBack();
        int inFirstSession = ownWritesIn.get("s-1").get();

        // Then the first session's writes read back 401 and are lost; the new session's are present
        assertThat(signIns).hasValue(2);
        assertThat(result.lost()).isEqualTo(inFirstSession);
        assertThat(result.present()).isEqualTo(result.acknowledged() - inFirstSession).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aReadOlderThanAnAcknowledgedValueIsStale() {
        // Given a store whose register reads come from a cache that keeps the first value read
        cacheRegisterReads = true;
        ContinuousWrites continuous = writes();

        // When writes run past the 20 registers, so each is written again
        continuous.start();
        continuous.stopAfter(60, Duration.ofSeconds(10));
        IntegrityResult result = continuous.readBack();

        // Then the reads after the second write of each register are stale, and nothing is lost
        assertThat(result.stale()).isGreaterThanOrEqualTo(20);
        assertThat(result.lost()).isZero();
    }

    private ContinuousWrites writes() {
        return new ContinuousWrites(new Http(Duration.ofSeconds(1)), DataIdentities.shared(() -> Credentials.bearer("token")),
                List.of(first, second), new DataRequests("PUT", "/values/{id}", "{\"value\":\"{value}\"}", "/values/{id}", "/value"));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String id = path.substring(path.indexOf('/', 1) + 1);
        if (exchange.getRequestMethod().equals("PUT")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (refuseWrites) {
                reply(exchange, 503, "{}");
                return;
            }
            writes.incrementAndGet();
            stored.put(id, Http.JSON.readTree(body).path("value").asText());
            reply(exchange, 200, "{}");
            return;
        }
        String value = stored.get(id);
        if (cacheRegisterReads && id.contains("-r") && value != null) {
            value = servedFromCache.computeIfAbsent(id, k -> stored.get(k));
        }
        if (value == null) {
            reply(exchange, 404, "{}");
        } else {
            reply(exchange, 200, "{\"value\":\"" + value + "\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Credentials signIn() {
        String session = "s-" + signIns.incrementAndGet();
        liveSessions.put(session, true);
        return new aftershock.auth.SignedIn(Map.of(), Map.of("SESSION", session), "", "");
    }

    private void handleSessionStore(HttpExchange exchange) throws IOException {
        String cookie = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"));
        if (!liveSessions.containsKey(cookie.replace("SESSION=", ""))) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        if (exchange.getRequestMethod().equals("PUT") && exchange.getRequestURI().getPath().contains("-w")) {
            ownWritesIn.computeIfAbsent(cookie.replace("SESSION=", ""), k -> new AtomicInteger()).incrementAndGet();
        }
        handle(exchange);
    }
}
