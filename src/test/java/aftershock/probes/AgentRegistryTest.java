package aftershock.probes;

import static org.assertj.core.api.Assertions.assertThat;

import aftershock.client.Credentials;
import aftershock.client.Http;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After a Redis fault the target re-creates its agent registry on its own; the check polls for it. */
class AgentRegistryTest {

    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;
    private AgentRegistry registry;

    @BeforeEach
    void startServer() throws IOException {
        // The registry is empty for the first three calls, then lists two agents.
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/agents", exchange -> {
            String body = calls.incrementAndGet() <= 3 ? "{\"agents\":[]}" : "{\"agents\":[{\"id\":\"a\"},{\"id\":\"b\"}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        registry = new AgentRegistry(new Http(Duration.ofSeconds(2)),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/agents"), () -> Credentials.bearer("token"));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aRegistryThatComesBackIsSeenRecreated() {
        assertThat(registry.recreated(2, Duration.ofSeconds(10))).isTrue();
        assertThat(calls).hasValue(4);
    }

    @Test
    void aRegistryThatNeverGetsEnoughAgentsIsNotRecreatedOnceTheTimeIsUp() {
        long started = System.nanoTime();

        boolean recreated = registry.recreated(3, Duration.ofMillis(500));

        assertThat(recreated).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
        assertThat(calls.get()).isGreaterThan(4);
    }
}
