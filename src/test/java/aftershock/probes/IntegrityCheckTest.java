package aftershock.probes;

import static org.assertj.core.api.Assertions.assertThat;

import aftershock.auth.SignedIn;
import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.verdict.IntegrityResult;
import com.sun.net.httpserver.Headers;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read-back of the lost-data check retries a reader that is itself coming back, for a bounded time. */
class IntegrityCheckTest {

    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final AtomicInteger prefixedRequests = new AtomicInteger();
    private final List<Headers> seenHeaders = new CopyOnWriteArrayList<>();
    private volatile int unavailableReads;
    private HttpServer server;
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/values/", this::handle);
        server.createContext("/api/v1/values/", exchange -> {
            prefixedRequests.incrementAndGet();
            handle(exchange, "/api/v1/values/");
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aReaderThatIsComingBackIsReadAgainUntilItAnswers() {
        // Given a reader that answers 503 to the first three reads of each value
        unavailableReads = 3;
        IntegrityCheck check = check(2);
        check.write();

        // When the values are read back
        IntegrityResult result = check.readBack();

        // Then every value is found, on the fourth read
        assertThat(result.present()).isEqualTo(2);
        assertThat(result.lost()).isZero();
        assertThat(reads.values()).allSatisfy(count -> assertThat(count).hasValue(4));
    }

    @Test
    void aReaderThatStaysDownCountsAsLostAfterAboutASecondOfRetries() {
        // Given a reader that never comes back
        unavailableReads = Integer.MAX_VALUE;
        IntegrityCheck check = check(1);
        check.write();
        long started = System.nanoTime();

        // When the value is read back
        IntegrityResult result = check.readBack();

        // Then it is lost after a few reads 200 ms apart, not after one and not forever
        assertThat(result.lost()).isEqualTo(1);
        assertThat(reads.values()).singleElement().satisfies(count -> assertThat(count.get()).isBetween(3, 5));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(800), Duration.ofSeconds(5));
    }

    @Test
    void valuesAreWrittenAndReadUnderTheBaseUrlsPath() {
        // Given a service that lives under /api/v1 behind its gateway
        URI gateway = URI.create(base + "/api/v1");
        IntegrityCheck check = new IntegrityCheck(new Http(Duration.ofSeconds(2)), () -> Credentials.bearer("token"), List.of(gateway),
                List.of(gateway), 3, "PUT", "/values/{id}", "{\"value\":\"{value}\"}", "/values/{id}", "/value");

        // When the values are written and read back
        check.write();
        IntegrityResult result = check.readBack();

        // Then every write and read went under /api/v1, and nothing was lost
        assertThat(result.present()).isEqualTo(3);
        assertThat(result.lost()).isZero();
        assertThat(prefixedRequests).hasValue(6);
    }

    @Test
    void aSessionCookieLoginSendsItsCookieAndCsrfHeaderWithEveryWriteAndRead() {
        // Given a service signed in with a session cookie, whose writes need the CSRF header (Spring Security's way)
        Credentials session = new SignedIn(Map.of("X-XSRF-TOKEN", "csrf-1"), Map.of("SESSION", "s-1"), "", "");
        IntegrityCheck check = new IntegrityCheck(new Http(Duration.ofSeconds(2)), () -> session, List.of(base),
                List.of(base), 2, "PUT", "/values/{id}", "{\"value\":\"{value}\"}", "/values/{id}", "/value");

        // When the values are written and read back
        check.write();
        check.readBack();

        // Then each of the four requests carried the cookie and the CSRF header, and none a bearer token
        assertThat(seenHeaders).hasSize(4).allSatisfy(headers -> {
            assertThat(headers.getFirst("Cookie")).isEqualTo("SESSION=s-1");
            assertThat(headers.getFirst("X-XSRF-TOKEN")).isEqualTo("csrf-1");
            assertThat(headers.containsKey("Authorization")).isFalse();
        });
    }

    private IntegrityCheck check(int writes) {
        return new IntegrityCheck(new Http(Duration.ofSeconds(2)), () -> Credentials.bearer("token"), List.of(base), List.of(base), writes,
                "PUT", "/values/{id}", "{\"value\":\"{value}\"}", "/values/{id}", "/value");
    }

    private void handle(HttpExchange exchange) throws IOException {
        handle(exchange, "/values/");
    }

    private void handle(HttpExchange exchange, String prefix) throws IOException {
        seenHeaders.add(exchange.getRequestHeaders());
        String id = exchange.getRequestURI().getPath().substring(prefix.length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("PUT")) {
            stored.put(id, body);
            respond(exchange, 204, "");
        } else if (reads.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet() <= unavailableReads) {
            respond(exchange, 503, "{\"error\":\"starting\"}");
        } else {
            respond(exchange, stored.containsKey(id) ? 200 : 404, stored.getOrDefault(id, "{}"));
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
