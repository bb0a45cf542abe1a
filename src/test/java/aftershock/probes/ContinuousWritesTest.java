package aftershock.probes;

import static org.assertj.core.api.Assertions.assertThat;

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
    private HttpServer server;
    private URI first;
    private URI second;

    @BeforeEach
    void startServer() throws IOException {
        // Without TCP_NODELAY every keep-alive answer waits about 40 ms on a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/values/", this::handle);
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
        String id = exchange.getRequestURI().getPath().substring("/values/".length());
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
}
