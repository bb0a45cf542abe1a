package aftershock.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.testing.NamedReplica;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real replicas (two small JDK HTTP servers on loopback) behind a real front door. */
class FrontDoorTest {

    private final List<HttpServer> replicas = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private FrontDoor door;

    @AfterEach
    void stop() {
        if (door != null) {
            door.close();
        }
        replicas.forEach(r -> r.stop(0));
    }

    private InetSocketAddress replica(String name) throws IOException {
        HttpServer server = NamedReplica.start(name);
        replicas.add(server);
        return server.getAddress();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(door.url().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void spreadsRequestsOverTheReplicas() throws Exception {
        // Given a front door in front of two replicas
        door = FrontDoor.start(List.of(replica("a"), replica("b")), FrontDoorOptions.defaults());

        // When four requests go through it
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            servedBy.add(get("/anything").body());
        }

        // Then both replicas answered
        assertThat(servedBy).contains("a", "b");
    }

    @Test
    void aDeadReplicaLeavesTheRotationWithinACheckAndUsersSeeOnlyTheLiveOne() throws Exception {
        // Given two replicas checked every 100 ms
        InetSocketAddress dying = replica("a");
        door = FrontDoor.start(List.of(dying, replica("b")), FrontDoorOptions.defaults().withCheckInterval(Duration.ofMillis(100)));

        // When one stops listening
        replicas.get(0).stop(0);

        // Then it leaves the rotation within a few checks, and every request is served by the other
        await().atMost(Duration.ofSeconds(3)).until(() -> !door.rotation().inRotation().contains(dying));
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = get("/anything");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("b");
        }
    }

    @Test
    void withoutRetriesARefusedConnectionIsAnErrorTheUserSees() throws Exception {
        // Given a front door that keeps failing replicas for a minute, without retries
        door = FrontDoor.start(List.of(replica("a"), replica("b")), FrontDoorOptions.defaults()
                .withDeregistrationDelay(Duration.ofMinutes(1)));

        // When one replica stops listening
        replicas.get(0).stop(0);

        // Then some requests fail with 502 (the proxy's answer to a refused connection)
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(get("/anything").statusCode());
        }
        assertThat(statuses).contains(502, 200);
    }

    @Test
    void carriesAWebSocketUpgradeToTheReplica() throws Exception {
        // Given a replica that echoes WebSocket text messages, behind the front door
        Vertx backend = Vertx.vertx();
        try {
            io.vertx.core.http.HttpServer echo = backend.createHttpServer()
                    .webSocketHandler(socket -> socket.textMessageHandler(socket::writeTextMessage))
                    .requestHandler(request -> request.response().end("ready"))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            door = FrontDoor.start(List.of(new InetSocketAddress("127.0.0.1", echo.actualPort())), FrontDoorOptions.defaults());

            // When a WebSocket client connects through the front door and sends a message
            CompletableFuture<String> echoed = new CompletableFuture<>();
            WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + door.url().getPort()
                    + "/echo"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    echoed.complete(data.toString());
                    return null;
                }
            }).get(5, TimeUnit.SECONDS);
            socket.sendText("hello through the front door", true).get(5, TimeUnit.SECONDS);

            // Then the replica's echo comes back through it
            assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("hello through the front door");
            socket.abort();
        } finally {
            backend.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withRetryOnRefusedTheOtherReplicaAnswers() throws Exception {
        // Given the same slow front door, retrying refused connections
        door = FrontDoor.start(List.of(replica("a"), replica("b")), FrontDoorOptions.defaults()
                .withDeregistrationDelay(Duration.ofMinutes(1)).withRetryOnRefused(true));

        // When one replica stops listening
        replicas.get(0).stop(0);

        // Then every request is answered by the other
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get("/anything");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("b");
        }
    }
}
