package aftershock.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.testing.NamedReplica;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agents' path through a real front door to each replica's own WebSocket port (replicas: a JDK HTTP server for
 * readiness and a Vert.x WebSocket server that greets with the replica's name).
 */
class SidePortTest {

    private final Vertx sockets = Vertx.vertx();
    private final Map<String, HttpServer> http = new LinkedHashMap<>();
    private final Map<String, io.vertx.core.http.HttpServer> side = new LinkedHashMap<>();
    private final Map<InetSocketAddress, InetSocketAddress> byBackend = new LinkedHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private FrontDoor door;

    @AfterEach
    void stop() throws Exception {
        if (door != null) {
            door.close();
        }
        http.values().forEach(s -> s.stop(0));
        sockets.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void replica(String name) throws Exception {
        HttpServer server = NamedReplica.start(name);
        io.vertx.core.http.HttpServer agents = sockets.createHttpServer()
                .webSocketHandler(socket -> socket.writeTextMessage(name + "-agents"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        http.put(name, server);
        side.put(name, agents);
        byBackend.put(server.getAddress(), new InetSocketAddress("127.0.0.1", agents.actualPort()));
    }

    private void die(String name) throws Exception {
        http.remove(name).stop(0);
        side.get(name).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void startDoor(Optional<String> pinnedBy) {
        door = FrontDoor.start(byBackend.keySet().stream().toList(),
                FrontDoorOptions.defaults().withCheckInterval(Duration.ofMillis(100)),
                Optional.of(new SidePort("/agents/connect", byBackend, pinnedBy)));
    }

    /** The greeting of the replica an agent's WebSocket reached through the front door, or the handshake's failure. */
    private String connect(String agent) {
        CompletableFuture<String> greeting = new CompletableFuture<>();
        try {
            client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + door.url().getPort()
                    + "/agents/connect?agent=" + agent), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    greeting.complete(data.toString());
                    webSocket.abort();
                    return null;
                }
            }).get(5, TimeUnit.SECONDS);
            return greeting.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "failed: " + e.getMessage();
        }
    }

    @Test
    void sendsTheAgentPathToTheWebSocketPortOfEachReplicaInTurn() throws Exception {
        // Given two replicas, each with its agents on a port of its own, behind the front door
        replica("a");
        replica("b");
        startDoor(Optional.empty());

        // When two agents connect through the front door's one address
        // Then each reaches the agent port of another replica
        assertThat(java.util.List.of(connect("agent-0"), connect("agent-1"))).containsExactlyInAnyOrder("a-agents", "b-agents");
    }

    @Test
    void sendsAnAgentToALiveReplicaOnceItsOwnDied() throws Exception {
        // Given an agent that reached replica a through the front door
        replica("a");
        replica("b");
        startDoor(Optional.empty());
        String first = connect("agent-0").equals("a-agents") ? "a" : "b";
        String other = first.equals("a") ? "b" : "a";

        // When its replica dies and the front door has seen it fail
        die(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> door.rotation().inRotation().size() == 1);

        // Then the same agent reconnects to the live replica, every time
        assertThat(java.util.List.of(connect("agent-0"), connect("agent-0"))).containsOnly(other + "-agents");
    }

    @Test
    void aPinnedAgentKeepsGoingToItsDeadReplica() throws Exception {
        // Given the sticky-reconnect defect: agents pinned by their id, and an agent that reached one replica
        replica("a");
        replica("b");
        startDoor(Optional.of("agent"));
        String first = connect("agent-0").equals("a-agents") ? "a" : "b";
        String other = first.equals("a") ? "b" : "a";

        // When its replica dies and the front door has taken it out of rotation
        die(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> door.rotation().inRotation().size() == 1);

        // Then that agent's reconnections still go to the dead replica and fail, while a new agent reaches the live one
        assertThat(connect("agent-0")).startsWith("failed");
        assertThat(connect("agent-1")).isEqualTo(other + "-agents");
    }

    @Test
    void readsThePathAndThePinFromTheRequestUri() {
        SidePort pinned = new SidePort("/agents/connect", Map.of(), Optional.of("agent"));

        assertThat(pinned.routes("/agents/connect?agent=a-1")).isTrue();
        assertThat(pinned.routes("/agents/connect/x")).isTrue();
        assertThat(pinned.routes("/agents/connections")).isFalse();
        assertThat(pinned.routes("/api/agents")).isFalse();
        assertThat(pinned.pin("/agents/connect?x=1&agent=a-1")).contains("a-1");
        assertThat(pinned.pin("/agents/connect?agent=")).isEmpty();
        assertThat(new SidePort("/agents/connect", Map.of(), Optional.empty()).pin("/agents/connect?agent=a-1")).isEmpty();
    }
}
