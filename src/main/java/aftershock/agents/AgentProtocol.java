package aftershock.agents;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How simulated agents talk to a control plane: where they connect, what they send, how they recognise the answers,
 * and how they retry. The defaults speak the built-in target's protocol; every part can point at a user's own.
 *
 * @param endpoints          ws:// or wss:// URLs of the replicas, or one address in front of them (a Service, the
 *                           built-in target's front door); agents start spread over them and reconnect to the next one
 *                           in the list. {@code ${agent}} in a URL is replaced by the agent's id
 * @param registerTemplate   JSON sent on open, {@code ${agent}} replaced by the agent's id
 * @param heartbeatTemplate  JSON sent every {@code heartbeat}
 * @param heartbeat          the heartbeat interval
 * @param registeredType     the {@code type} of the welcome that confirms a registration
 * @param replicaField       the welcome's field naming the replica that holds the agent
 * @param commandType        the {@code type} of a command sent to the agent
 * @param commandIdField     the command's id field
 * @param staleCloseCode     the close code with which the target unregisters a stale agent
 * @param backoff            how the agent retries after a drop
 */
public record AgentProtocol(List<String> endpoints, String registerTemplate, String heartbeatTemplate, Duration heartbeat,
                            String registeredType, String replicaField, String commandType, String commandIdField,
                            int staleCloseCode, Backoff backoff) {

    /** The agent's reconnection: wait {@code initial}, then twice as long after each failed attempt, {@code attempts} times. */
    public record Backoff(Duration initial, int attempts) {
        public Backoff {
            if (initial.isNegative() || initial.isZero() || attempts < 1) {
                throw new IllegalArgumentException("backoff " + initial + " x " + attempts
                        + ": give a positive initial wait and at least 1 attempt (seed 000's agent: 2s, 5)");
            }
        }

        /** The wait before attempt {@code attempt} (1-based): initial, 2 x initial, 4 x initial... */
        public Duration before(int attempt) {
            return initial.multipliedBy(1L << Math.min(attempt - 1, 16));
        }
    }

    public AgentProtocol {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no agent endpoint: set aftershock.agents.urls to the control plane's"
                    + " ws:// addresses (the built-in target gives its own)");
        }
        for (String endpoint : endpoints) {
            URI example;
            try {
                example = URI.create(fill(endpoint, "agent-0"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("agent endpoint '" + endpoint + "' is not a URL (" + e.getMessage()
                        + "): write it like ws://127.0.0.1:8000/api/v1/agents/connect");
            }
            if (!"ws".equals(example.getScheme()) && !"wss".equals(example.getScheme())) {
                throw new IllegalArgumentException("agent endpoint '" + endpoint + "' is not a ws:// or wss:// URL:"
                        + " write it like ws://127.0.0.1:8000/api/v1/agents/connect");
            }
        }
    }

    /** Endpoint {@code index} for one agent, {@code ${agent}} filled in. */
    URI endpoint(int index, String agent) {
        return URI.create(fill(endpoints.get(index), agent));
    }

    /** The message {@code template} for one agent. */
    static String fill(String template, String agent) {
        return template.replace("${agent}", agent);
    }
}
