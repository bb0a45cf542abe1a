package aftershock.agents;

import aftershock.agents.AgentEvent.Kind;
import aftershock.waiting.Wait;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What is checked once the faults are over: does each agent's mapping name the replica it is connected to, and does a
 * command sent through another replica reach it.
 *
 * <pre>
 *   Checked mapping = AgentChecks.mapping(fleet.connections(), key -> redis.get(key), "aftershock:agent-socket:${agent}");
 *   Checked commands = AgentChecks.commands(fleet, replicas, "api/agent-commands/${agent}",
 *           "{\"id\":\"${id}\",\"command\":\"ping\"}", http, Duration.ofSeconds(3));
 * </pre>
 */
public final class AgentChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentChecks() {
    }

    /**
     * A check over the agents.
     *
     * @param checked  agents checked (those connected when the check ran)
     * @param passed   agents that passed
     * @param failures one line per agent that did not
     */
    public record Checked(int checked, int passed, List<String> failures) {

        /** Passed agents in percent of those checked; NaN when none was checked. */
        public double percent() {
            return checked == 0 ? Double.NaN : 100.0 * passed / checked;
        }

        /** "19 of 20 agents; agent-3: mapping names replica-0, connected to replica-1". */
        public String describe() {
            String head = passed + " of " + checked + " agents";
            return failures.isEmpty() ? head : head + "; " + String.join("; ", failures.subList(0, Math.min(5, failures.size())))
                    + (failures.size() > 5 ? "; and " + (failures.size() - 5) + " more" : "");
        }
    }

    /** Reads each connected agent's mapping key ({@code ${agent}} filled in) and compares it with its replica. */
    public static Checked mapping(Map<String, String> connections, Function<String, String> read, String keyTemplate) {
        int checked = 0;
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> agent : connections.entrySet()) {
            if (agent.getValue().isEmpty()) {
                continue;
            }
            checked++;
            String key = AgentProtocol.fill(keyTemplate, agent.getKey());
            String mapped;
            try {
                mapped = read.apply(key);
            } catch (JedisException e) {
                failures.add(agent.getKey() + ": " + key + " unreadable (" + e.getMessage() + ")");
                continue;
            }
            if (agent.getValue().equals(mapped)) {
                passed++;
            } else {
                failures.add(agent.getKey() + ": " + key + " is " + (mapped == null ? "missing" : "'" + mapped + "'")
                        + ", connected to " + agent.getValue());
            }
        }
        return new Checked(checked, passed, List.copyOf(failures));
    }

    /** Replica id to base URL, read from each base URL's {@code health} JSON ({@code field}). */
    public static Map<String, URI> replicaIds(List<URI> baseUrls, HttpClient http, String healthPath, String field) {
        Map<String, URI> ids = new LinkedHashMap<>();
        for (URI base : baseUrls) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(healthPath))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                String id = JSON.readTree(response.body()).path(field).asText("");
                if (!id.isEmpty()) {
                    ids.put(id, base);
                }
            } catch (IOException e) {
                // A replica that does not answer takes no command.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ids;
    }

    /**
     * Sends each connected agent one command through a replica other than its own (POST {@code pathTemplate}, body
     * {@code bodyTemplate} with {@code ${agent}} and {@code ${id}} filled in), then waits up to {@code deliveryTimeout}
     * for the agents to report them.
     */
    public static Checked commands(AgentFleet fleet, Map<String, URI> replicas, String pathTemplate, String bodyTemplate,
                                   HttpClient http, Duration deliveryTimeout) {
        Map<String, String> sent = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        String run = Long.toString(Instant.now().toEpochMilli(), 36);
        for (Map.Entry<String, String> agent : fleet.connections().entrySet()) {
            if (agent.getValue().isEmpty()) {
                continue;
            }
            checked++;
            Optional<Map.Entry<String, URI>> other = replicas.entrySet().stream()
                    .filter(r -> !r.getKey().equals(agent.getValue())).findFirst();
            if (other.isEmpty()) {
                failures.add(agent.getKey() + ": no replica other than " + agent.getValue() + " answers");
                continue;
            }
            String id = "c-" + run + "-" + agent.getKey();
            String body = body(bodyTemplate, agent.getKey(), id);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(other.get().getValue()
                                .resolve(AgentProtocol.fill(pathTemplate, agent.getKey())))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(2))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    failures.add(agent.getKey() + ": " + other.get().getKey() + " answered " + response.statusCode() + " " + response.body());
                    continue;
                }
                sent.put(id, agent.getKey() + " via " + other.get().getKey());
            } catch (IOException e) {
                failures.add(agent.getKey() + ": " + other.get().getKey() + " failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> arrived = Wait.forValue(sent.size() + " commands delivered to the agents", () -> delivered(fleet),
                        ids -> ids.containsAll(sent.keySet()))
                .atMost(deliveryTimeout).pollInterval(Duration.ofMillis(50)).awaitOutcome().last();
        sent.forEach((id, to) -> {
            if (!arrived.contains(id)) {
                failures.add(to + ": command " + id + " accepted, never reached the agent within " + deliveryTimeout.toMillis() + " ms");
            }
        });
        int passed = (int) sent.keySet().stream().filter(arrived::contains).count();
        return new Checked(checked, passed, List.copyOf(failures));
    }

    /** A template (a command's body, or any agent message) with {@code ${agent}} and {@code ${id}} filled in. */
    static String body(String template, String agent, String commandId) {
        return AgentProtocol.fill(template, agent).replace("${id}", commandId);
    }

    private static List<String> delivered(AgentFleet fleet) {
        return fleet.events().stream().filter(e -> e.kind() == Kind.COMMAND).map(AgentEvent::detail).toList();
    }
}
