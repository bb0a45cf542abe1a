package aftershock.agents;

import aftershock.agents.AgentEvent.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One agent on the JDK's {@link WebSocket}: it registers, sends heartbeats, takes commands, and after a drop
 * reconnects with backoff like seed 000's agent (2 s, then doubling, 5 attempts), to the next address in its list, or,
 * when the welcome said {@code "reconnect":"sticky"}, to the same one. Every step is an {@link AgentEvent}.
 */
final class SimulatedAgent implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final String id;
    private final AgentProtocol protocol;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Consumer<AgentEvent> events;
    private final Clock clock;
    private final StringBuilder partial = new StringBuilder();
    private int endpoint;
    private boolean sticky;
    private int attempt;
    private String replica = "";
    private boolean registered;
    private WebSocket socket;
    private ScheduledFuture<?> heartbeats;
    private boolean closed;

    SimulatedAgent(String id, int firstEndpoint, AgentProtocol protocol, HttpClient http, ScheduledExecutorService scheduler,
                   Consumer<AgentEvent> events, Clock clock) {
        this.id = id;
        this.endpoint = firstEndpoint % protocol.endpoints().size();
        this.protocol = protocol;
        this.http = http;
        this.scheduler = scheduler;
        this.events = events;
        this.clock = clock;
    }

    /** Connects for the first time; returns at once. */
    synchronized void start() {
        connect();
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        URI address = protocol.endpoint(endpoint, id);
        http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(address, this)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        attemptFailed(address, error);
                    }
                });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (this) {
            socket = webSocket;
        }
        webSocket.sendText(AgentProtocol.fill(protocol.registerTemplate(), id), true);
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            handle(webSocket, text);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(WebSocket webSocket, String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        String type = message.path("type").asText();
        if (protocol.registeredType().equals(type)) {
            synchronized (this) {
                replica = message.path(protocol.replicaField()).asText("");
                registered = true;
                sticky = "sticky".equals(message.path("reconnect").asText());
                attempt = 0;
                startHeartbeats(webSocket);
            }
            events.accept(new AgentEvent(id, Kind.REGISTERED, clock.instant(), replica, protocol.endpoint(endpoint, id).toString()));
        } else if (protocol.commandType().equals(type)) {
            events.accept(new AgentEvent(id, Kind.COMMAND, clock.instant(), currentReplica(), message.path(protocol.commandIdField()).asText()));
        }
    }

    private void startHeartbeats(WebSocket webSocket) {
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        long millis = protocol.heartbeat().toMillis();
        // A fixed rate: the heartbeats leave on schedule, so a stale close is the target's doing, never the agent's.
        heartbeats = scheduler.scheduleAtFixedRate(() -> webSocket.sendText(AgentProtocol.fill(protocol.heartbeatTemplate(), id), true),
                millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        dropped(webSocket, statusCode + " " + reason, statusCode == protocol.staleCloseCode());
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        dropped(webSocket, String.valueOf(error), false);
    }

    private void dropped(WebSocket webSocket, String detail, boolean stale) {
        String from;
        synchronized (this) {
            if (socket != webSocket || closed) {
                return;
            }
            socket = null;
            registered = false;
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
            from = replica;
        }
        events.accept(new AgentEvent(id, stale ? Kind.STALE : Kind.DROPPED, clock.instant(), from, detail));
        webSocket.abort();
        scheduleReconnect();
    }

    private void attemptFailed(URI address, Throwable error) {
        events.accept(new AgentEvent(id, Kind.ATTEMPT_FAILED, clock.instant(), currentReplica(), address + ": " + error));
        scheduleReconnect();
    }

    private synchronized void scheduleReconnect() {
        if (closed) {
            return;
        }
        attempt++;
        if (attempt > protocol.backoff().attempts()) {
            events.accept(new AgentEvent(id, Kind.GAVE_UP, clock.instant(), replica,
                    protocol.backoff().attempts() + " reconnection attempts failed"));
            return;
        }
        if (!sticky) {
            endpoint = (endpoint + 1) % protocol.endpoints().size();
        }
        scheduler.schedule(this::connect, protocol.backoff().before(attempt).toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized String currentReplica() {
        return replica;
    }

    /** The replica the agent is registered with now, or empty while it is not connected. */
    synchronized String connectedTo() {
        return socket != null && registered ? replica : "";
    }

    String id() {
        return id;
    }

    /** Closes the connection for good (normal closure); no reconnection follows. */
    void close() {
        WebSocket current;
        synchronized (this) {
            closed = true;
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
            current = socket;
            socket = null;
        }
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "run over").whenComplete((ws, error) -> current.abort());
        }
    }
}
