package aftershock.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentProtocolTest {

    private static AgentProtocol protocol(List<String> endpoints) {
        return new AgentProtocol(endpoints, "{\"type\":\"register\",\"agent\":\"${agent}\"}", "{}", Duration.ofSeconds(1),
                "registered", "replica", "command", "id", 4001, new AgentProtocol.Backoff(Duration.ofSeconds(2), 5));
    }

    @Test
    void backsOffLikeSeed000sAgent() {
        // Given the seed's backoff: 2 s initial, 5 attempts
        AgentProtocol.Backoff backoff = new AgentProtocol.Backoff(Duration.ofSeconds(2), 5);

        // Then each attempt waits twice as long as the one before
        assertThat(List.of(backoff.before(1), backoff.before(2), backoff.before(5)))
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(32));
    }

    @Test
    void fillsTheAgentIntoTheTemplate() {
        assertThat(AgentProtocol.fill(protocol(List.of("ws://127.0.0.1:1/a")).registerTemplate(), "agent-7"))
                .isEqualTo("{\"type\":\"register\",\"agent\":\"agent-7\"}");
    }

    @Test
    void refusesAnEndpointThatIsNotAWebSocketUrl() {
        assertThatThrownBy(() -> protocol(List.of("http://127.0.0.1:8080/agents")))
                .hasMessageContaining("'http://127.0.0.1:8080/agents' is not a ws:// or wss:// URL")
                .hasMessageContaining("write it like ws://");
        assertThatThrownBy(() -> protocol(List.of())).hasMessageContaining("set aftershock.agents.urls");
        assertThatThrownBy(() -> new AgentProtocol.Backoff(Duration.ZERO, 5)).hasMessageContaining("positive initial wait");
    }

    @Test
    void comparesEachConnectedAgentsMappingWithItsReplica() {
        // Given three connected agents, one of them mapped to the wrong replica and one without a mapping, and one not connected
        Map<String, String> connections = Map.of("agent-0", "replica-1", "agent-1", "replica-1", "agent-2", "replica-0",
                "agent-3", "");
        Map<String, String> redis = Map.of("m:agent-0", "replica-1", "m:agent-1", "replica-0");

        // When the mapping is checked
        AgentChecks.Checked checked = AgentChecks.mapping(connections, redis::get, "m:${agent}");

        // Then only agent-0 passes, and the others say what was found
        assertThat(checked.checked()).isEqualTo(3);
        assertThat(checked.passed()).isEqualTo(1);
        assertThat(checked.failures()).containsExactlyInAnyOrder("agent-1: m:agent-1 is 'replica-0', connected to replica-1",
                "agent-2: m:agent-2 is missing, connected to replica-0");
    }
}
