package aftershock.builtin;

import aftershock.builtin.JsonHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The agents' WebSocket endpoint of one replica, on its own port: register, heartbeats, commands, the
 * agent-to-replica mapping in Redis (re-written every second), commands routed to the agent's replica over Redis pub/sub
 * ({@link CommandRoutes}), and a per-agent read deadline, reset by each heartbeat, that closes an agent whose last
 * heartbeat is older than the stale threshold (close code {@value #STALE_CLOSE_CODE}). When the command subscription
 * comes back after Redis was lost, the replica cannot know what the new Redis lost, so it closes its agents with
 * {@value #REDIS_LOST_CLOSE_CODE} and they register again, which re-creates their mapping and routes, as seed 000's
 * control plane did (its agent dropped and registered again when Redis was replaced).
 *
 * <pre>
 *   agent  {"type":"register","agent":"agent-7"}
 *   server {"type":"registered","agent":"agent-7","replica":"replica-0","heartbeatMillis":1000,"reconnect":"any"}
 *   agent  {"type":"heartbeat","agent":"agent-7"}
 *   server {"type":"command","id":"c-1","agent":"agent-7","command":"ping"}
 * </pre>
 */
final class AgentSockets extends WebSocketServer {

    private static final Logger logger = LoggerFactory.getLogger(AgentSockets.class);
    /** The close code of an agent unregistered as stale. */
    static final int STALE_CLOSE_CODE = 4001;
    /** The close code (1012, service restart) of the agents asked to register again after Redis came back. */
    static final int REDIS_LOST_CLOSE_CODE = 1012;
    /** Redis key of an agent's replica: {@code aftershock:agent-socket:<agent>} = replica id. */
    static final String MAPPING_PREFIX = "aftershock:agent-socket:";
    /** POST {prefix}{agent} {"id":"c-1","command":"ping"}: a command for the agent, wherever it is connected. */
    static final String COMMANDS_PREFIX = "/api/agent-commands/";

    /**
     * @param port       the WebSocket port on 127.0.0.1 (--agent-port); 0 means no agent endpoint
     * @param path       the endpoint path (--agent-path, default /agents/connect)
     * @param heartbeat  the interval agents are told to send heartbeats at (--agent-heartbeat-millis, 1000)
     * @param stale      no heartbeat for longer than this unregisters an agent (--agent-stale-millis, 3000)
     */
    record Settings(int port, String path, Duration heartbeat, Duration stale) {

        static Settings from(String[] args, Properties system) {
            Map<String, String> values = new LinkedHashMap<>();
            system.stringPropertyNames().stream().filter(n -> n.startsWith(TargetConfig.PREFIX))
                    .forEach(n -> values.put(n.substring(TargetConfig.PREFIX.length()), system.getProperty(n)));
            for (String arg : args) {
                if (arg.startsWith("--") && arg.contains("=")) {
                    values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                }
            }
            return new Settings(Integer.parseInt(values.getOrDefault("agent-port", "0")),
                    values.getOrDefault("agent-path", "/agents/connect"),
                    positiveMillis(values, "agent-heartbeat-millis", 1000), positiveMillis(values, "agent-stale-millis", 3000));
        }

        static Settings none() {
            return new Settings(0, "/agents/connect", Duration.ofSeconds(1), Duration.ofSeconds(3));
        }

        private static Duration positiveMillis(Map<String, String> values, String name, long defaultMillis) {
            long millis = Long.parseLong(values.getOrDefault(name, String.valueOf(defaultMillis)));
            if (millis <= 0) {
                throw new IllegalArgumentException("--" + name + "=" + millis + ": give a positive number of milliseconds");
            }
            return Duration.ofMillis(millis);
        }
    }

    /** What the replica knows of one connected agent. */
    private static final class Agent {
        final String id;
        volatile long lastHeartbeatNanos = System.nanoTime();
        ScheduledFuture<?> deadline;

        Agent(String id) {
            this.id = id;
        }
    }

    private final TargetConfig config;
    private final Settings settings;
    private final UnifiedJedis redis;
    private final Duration staleAfter;
    private final Map<String, WebSocket> byAgent = new ConcurrentHashMap<>();
    private final CommandRoutes routes;
    private volatile ScheduledExecutorService background;

    AgentSockets(TargetConfig config, Settings settings, UnifiedJedis redis) {
        super(new InetSocketAddress("127.0.0.1", settings.port()));
        this.config = config;
        this.settings = settings;
        this.redis = redis;
        // The seed's bug: a heartbeat that arrives a few milliseconds late is already "stale".
        this.staleAfter = config.has(Defect.HEARTBEAT_EQUALS_STALE) ? settings.heartbeat() : settings.stale();
        this.routes = new CommandRoutes(config, this::deliverHere, this::registerAgain);
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    /** Listens, and schedules the mapping refresh and the agents' read deadlines on {@code background}. */
    void begin(ScheduledExecutorService background) {
        this.background = background;
        start();
        routes.start();
        if (!config.has(Defect.NO_MAPPING_RESTORE)) {
            background.scheduleWithFixedDelay(this::rewriteMappings, 1, 1, TimeUnit.SECONDS);
        }
        logger.info("{}: agents on ws://127.0.0.1:{}{} (heartbeat {} ms, stale after {} ms)", config.replicaId(),
                settings.port(), settings.path(), settings.heartbeat().toMillis(), staleAfter.toMillis());
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        if (!handshake.getResourceDescriptor().startsWith(settings.path())) {
            socket.close(1008, "no agent endpoint " + handshake.getResourceDescriptor() + ": connect to " + settings.path());
        }
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
        JsonNode message;
        try {
            message = JsonHttp.JSON.readTree(text);
        } catch (IOException e) {
            socket.close(1003, "not JSON: " + e.getMessage());
            return;
        }
        String type = message.path("type").asText();
        if ("register".equals(type)) {
            register(socket, message.path("agent").asText());
        } else if ("heartbeat".equals(type) && socket.getAttachment() instanceof Agent agent) {
            heard(socket, agent);
        }
    }

    private void register(WebSocket socket, String agentId) {
        if (agentId.isBlank()) {
            socket.close(1008, "register without \"agent\": send {\"type\":\"register\",\"agent\":\"<id>\"}");
            return;
        }
        Agent agent = new Agent(agentId);
        socket.setAttachment(agent);
        heard(socket, agent);
        WebSocket previous = byAgent.put(agentId, socket);
        if (previous != null && previous != socket) {
            previous.close(4000, "replaced by a newer connection of " + agentId);
        }
        writeMapping(agentId);
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("type", "registered");
        welcome.put("agent", agentId);
        welcome.put("replica", config.replicaId());
        welcome.put("heartbeatMillis", settings.heartbeat().toMillis());
        welcome.put("reconnect", config.has(Defect.STICKY_RECONNECT) ? "sticky" : "any");
        send(socket, welcome);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        if (!(socket.getAttachment() instanceof Agent agent)) {
            return;
        }
        cancelDeadline(agent);
        if (byAgent.remove(agent.id, socket)) {
            try {
                // Only the replica the mapping names removes it: a newer registration elsewhere stays.
                if (config.replicaId().equals(redis.get(MAPPING_PREFIX + agent.id))) {
                    redis.del(MAPPING_PREFIX + agent.id);
                }
            } catch (JedisException e) {
                logger.debug("{}: mapping of {} not removed, Redis unavailable: {}", config.replicaId(), agent.id, e.getMessage());
            }
        }
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
        logger.debug("{}: agent socket error: {}", config.replicaId(), e.toString());
    }

    @Override
    public void onStart() {
        // Listening: begin(...) logged it.
    }

    /**
     * A heartbeat (or the register) was read: the agent's read deadline starts again, as a WebSocket server's read
     * deadline does. The deadline checks the time itself, so a heartbeat read just before it fires keeps the agent.
     */
    private void heard(WebSocket socket, Agent agent) {
        agent.lastHeartbeatNanos = System.nanoTime();
        ScheduledExecutorService scheduler = background;
        if (scheduler == null) {
            return;
        }
        synchronized (agent) {
            cancelDeadline(agent);
            agent.deadline = scheduler.schedule(() -> expire(socket, agent), staleAfter.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void expire(WebSocket socket, Agent agent) {
        long silentNanos = System.nanoTime() - agent.lastHeartbeatNanos;
        if (silentNanos >= staleAfter.toNanos() && socket.isOpen()) {
            logger.info("{}: agent {} is stale (no heartbeat for {} ms, threshold {} ms): unregistered", config.replicaId(),
                    agent.id, TimeUnit.NANOSECONDS.toMillis(silentNanos), staleAfter.toMillis());
            socket.close(STALE_CLOSE_CODE, "stale: no heartbeat for more than " + staleAfter.toMillis() + " ms");
        }
    }

    private static void cancelDeadline(Agent agent) {
        synchronized (agent) {
            if (agent.deadline != null) {
                agent.deadline.cancel(false);
            }
        }
    }

    /**
     * The command subscription is back after Redis was lost: the agents register again, which re-creates their mapping.
     * With no-mapping-restore the replica does not notice, as it does not re-write the mapping either.
     */
    private void registerAgain() {
        if (config.has(Defect.NO_MAPPING_RESTORE) || byAgent.isEmpty()) {
            return;
        }
        logger.info("{}: Redis is back after a loss: asking its {} agents to register again", config.replicaId(), byAgent.size());
        for (WebSocket socket : byAgent.values()) {
            socket.close(REDIS_LOST_CLOSE_CODE, "Redis was lost and is back: register again");
        }
    }

    private void rewriteMappings() {
        byAgent.keySet().forEach(this::writeMapping);
    }

    private void writeMapping(String agentId) {
        try {
            redis.set(MAPPING_PREFIX + agentId, config.replicaId());
        } catch (JedisException e) {
            logger.debug("{}: mapping of {} not written, Redis unavailable: {}", config.replicaId(), agentId, e.getMessage());
        }
    }

    /** POST /api/agent-commands/{agent}: delivered here, or published to the agent's replica. */
    Reply command(HttpExchange exchange) throws IOException {
        String agentId = exchange.getRequestURI().getPath().substring(COMMANDS_PREFIX.length());
        JsonNode body = JsonHttp.jsonBody(exchange);
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("type", "command");
        command.put("id", body.path("id").asText());
        command.put("agent", agentId);
        command.put("command", body.path("command").asText("ping"));
        if (deliverHere(agentId, command)) {
            return Reply.json(202, Map.of("agent", agentId, "deliveredBy", config.replicaId()));
        }
        if (config.has(Defect.NO_COMMAND_ROUTING)) {
            return Reply.json(202, Map.of("agent", agentId, "routedTo", "nowhere"));
        }
        String replica;
        try {
            replica = redis.get(MAPPING_PREFIX + agentId);
        } catch (JedisException e) {
            return JsonHttp.redisDown(e);
        }
        if (replica == null) {
            return Reply.json(404, Map.of("error", "unknown_agent", "error_description",
                    "no replica holds agent " + agentId + " (no " + MAPPING_PREFIX + agentId + " in Redis)"));
        }
        try {
            redis.publish(CommandRoutes.channel(replica), JsonHttp.JSON.writeValueAsString(command));
        } catch (JedisException e) {
            return JsonHttp.redisDown(e);
        }
        return Reply.json(202, Map.of("agent", agentId, "routedTo", replica));
    }

    boolean deliverHere(String agentId, Map<String, Object> command) {
        WebSocket socket = byAgent.get(agentId);
        if (socket == null || !socket.isOpen()) {
            return false;
        }
        send(socket, command);
        return true;
    }

    private void send(WebSocket socket, Map<String, Object> message) {
        try {
            socket.send(JsonHttp.JSON.writeValueAsString(message));
        } catch (IOException | RuntimeException e) {
            logger.debug("{}: not sent to an agent: {}", config.replicaId(), e.toString());
        }
    }

    /** Stops listening and the command subscription. */
    void close() {
        routes.close();
        try {
            stop(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
