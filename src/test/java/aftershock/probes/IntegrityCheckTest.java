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

    private static final DataRequests STORE = new DataRequests("PUT", "/store/{id}", "{\"value\":\"{value}\"}",
            "/store/{id}", "/value");
    private static final DataRequests REQUESTS = new DataRequests("PUT", "/values/{id}", "{\"value\":\"{value}\"}",
            "/values/{id}", "/value");

    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final AtomicInteger prefixedRequests = new AtomicInteger();
    private final Map<String, String> liveSessions = new ConcurrentHashMap<>();
    private final Map<String, String> ownerOf = new ConcurrentHashMap<>();
    private final AtomicInteger signIns = new AtomicInteger();
    private final List<Headers> seenHeaders = new CopyOnWriteArrayList<>();
    private volatile int unavailableReads;
    private HttpServer server;
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/values/", this::handle);
        server.createContext("/store/", this::handleSessionStore);
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
        IntegrityCheck check = new IntegrityCheck(new Http(Duration.ofSeconds(2)), DataIdentities.shared(() -> Credentials.bearer("token")),
                List.of(gateway), List.of(gateway), 3, REQUESTS);

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
        IntegrityCheck check = new IntegrityCheck(new Http(Duration.ofSeconds(2)), DataIdentities.shared(() -> session), List.of(base),
                List.of(base), 2, REQUESTS);

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

    @Test
    void inCookieModeEachValueIsWrittenInASessionOfItsOwnAndReadBackWithThatSessionsCookie() {
        // Given a session store that serves a value only to the session that wrote it
        IntegrityCheck check = sessionPerValueCheck(5);

        // When
        check.write();
        IntegrityResult result = check.readBack();

        // Then five sign-ins, five values, each read back intact with its own cookie
        assertThat(signIns).hasValue(5);
        assertThat(ownerOf.values()).doesNotHaveDuplicates().hasSize(5);
        assertThat(result.present()).isEqualTo(5);
        assertThat(result.lost()).isZero();
        assertThat(result.readVia()).endsWith("each value in a session of its own, read with its cookie");
    }

    @Test
    void sessionsTheStoreLostAreLostValuesNeverAPass() {
        // Given values written in sessions of their own, then a session store that forgets every session
        IntegrityCheck check = sessionPerValueCheck(4);
        check.write();
        liveSessions.clear();

        // When
        IntegrityResult result = check.readBack();

        // Then each read-back answered 401, and each value counts as lost
        assertThat(result.acknowledged()).isEqualTo(4);
        assertThat(result.present()).isZero();
        assertThat(result.lost()).isEqualTo(4);
    }

    @Test
    void aValueTheStoreNoLongerHoldsIsLostOnItsNotFound() {
        // Given values written, then gone from the store while the sessions live on
        IntegrityCheck check = sessionPerValueCheck(3);
        check.write();
        ownerOf.clear();

        // When
        IntegrityResult result = check.readBack();

        // Then
        assertThat(result.lost()).isEqualTo(3);
        assertThat(result.present()).isZero();
    }

    @Test
    void aSignInRefusedMidFaultIsAWriteNeverAcknowledged() {
        // Given a login that fails every time (the target is down)
        IntegrityCheck check = new IntegrityCheck(new Http(Duration.ofSeconds(2)), DataIdentities.sessionPerValue(() -> {
            throw new IllegalStateException("login refused");
        }), List.of(base), List.of(base), 3, STORE);

        // When
        int acknowledged = check.write();

        // Then
        assertThat(acknowledged).isZero();
        assertThat(check.readBack().attempted()).isEqualTo(3);
    }

    private IntegrityCheck sessionPerValueCheck(int writes) {
        return new IntegrityCheck(new Http(Duration.ofSeconds(2)), DataIdentities.sessionPerValue(this::signIn),
                List.of(base), List.of(base), writes, STORE);
    }

    private Credentials signIn() {
        String session = "s-" + signIns.incrementAndGet();
        liveSessions.put(session, "csrf-" + session);
        return new SignedIn(Map.of("X-XSRF-TOKEN", "csrf-" + session), Map.of("SESSION", session), "", "");
    }

    private void handleSessionStore(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/store/".length());
        String cookie = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"));
        String session = cookie.startsWith("SESSION=") ? cookie.substring("SESSION=".length()) : "";
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!liveSessions.containsKey(session)) {
            respond(exchange, 401, "{\"error\":\"invalid_session\"}");
        } else if (exchange.getRequestMethod().equals("PUT")) {
            ownerOf.put(id, session);
            stored.put(id, body);
            respond(exchange, 201, "");
        } else {
            boolean own = session.equals(ownerOf.get(id));
            respond(exchange, own ? 200 : 404, own ? stored.get(id) : "{}");
        }
    }

    private IntegrityCheck check(int writes) {
        return new IntegrityCheck(new Http(Duration.ofSeconds(2)), DataIdentities.shared(() -> Credentials.bearer("token")),
                List.of(base), List.of(base), writes, REQUESTS);
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
