package aftershock.probes;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.waiting.Wait;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Redis view after a Redis fault: state the target re-creates on its own (its agent registry, seed 000)
 * must be back. Polls the agents endpoint until it lists the expected number of agents or time runs out.
 */
public final class AgentRegistry {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final Http http;
    private final URI agents;
    private final Supplier<? extends Credentials> credentials;

    public AgentRegistry(Http http, URI agents, Supplier<? extends Credentials> credentials) {
        this.http = http;
        this.agents = agents;
        this.credentials = credentials;
    }

    /** How many agents are registered now, or -1 when the registry cannot be read (or its sign-in fails). */
    public int count() {
        Credentials as;
        try {
            as = credentials.get();
        } catch (RuntimeException e) {
            return -1;
        }
        Http.Answer answer = http.get(agents, as);
        if (!answer.ok()) {
            return -1;
        }
        return answer.json().path("agents").size();
    }

    /** True once at least {@code expected} agents are registered, polling every 100 ms for at most {@code within}. */
    public boolean recreated(int expected, Duration within) {
        return Wait.forValue("at least " + expected + " agents registered at " + agents, this::count, n -> n >= expected)
                .atMost(within)
                .pollInterval(POLL_INTERVAL)
                .awaitOutcome()
                .met();
    }
}
