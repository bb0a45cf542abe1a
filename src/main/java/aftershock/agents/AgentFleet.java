package aftershock.agents;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * M simulated agents beside the load, spread over the endpoints, recording every drop, registration and command.
 *
 * <pre>
 *   try (AgentFleet fleet = AgentFleet.start(20, protocol, event -> {})) {
 *       fleet.awaitRegistered(Duration.ofSeconds(10));
 *       ... faults ...
 *       Reconnections.of(fleet.events(), from, until).p95Millis();
 *   }
 * </pre>
 */
public final class AgentFleet implements AutoCloseable {

    private final List<SimulatedAgent> agents = new ArrayList<>();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;

    private AgentFleet(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts {@code count} agents ({@code agent-0}...), agent i on endpoint i mod the endpoints; returns at once. */
    public static AgentFleet start(int count, String idPrefix, AgentProtocol protocol, Consumer<AgentEvent> listener) {
        if (count < 1) {
            throw new IllegalArgumentException("aftershock.agents.count is " + count + ": give at least 1 agent");
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "agents");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder().executor(scheduler).connectTimeout(Duration.ofSeconds(2)).build();
        AgentFleet fleet = new AgentFleet(scheduler);
        for (int i = 0; i < count; i++) {
            SimulatedAgent agent = new SimulatedAgent(idPrefix + i, i, protocol, http, scheduler, event -> {
                fleet.events.add(event);
                listener.accept(event);
            }, Clock.systemUTC());
            fleet.agents.add(agent);
        }
        fleet.agents.forEach(SimulatedAgent::start);
        return fleet;
    }

    /** Everything recorded so far, in arrival order. */
    public List<AgentEvent> events() {
        return List.copyOf(events);
    }

    /** Agent id to the replica it is registered with now ("" while it is not connected). */
    public Map<String, String> connections() {
        return agents.stream().collect(Collectors.toMap(SimulatedAgent::id, SimulatedAgent::connectedTo,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** How many agents are registered now. */
    public long registered() {
        return connections().values().stream().filter(r -> !r.isEmpty()).count();
    }

    /** The agents' count. */
    public int size() {
        return agents.size();
    }

    /** Closes every connection normally and stops the agents' threads. */
    @Override
    public void close() {
        agents.forEach(SimulatedAgent::close);
        scheduler.shutdown();
    }
}
