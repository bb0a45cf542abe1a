package aftershock.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    private static Settings agents(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty("aftershock.agents." + pairs[i], pairs[i + 1]);
        }
        return Settings.load(properties).section("agents");
    }

    @Test
    void fillsTheAgentAndTheIdIntoAUsersCommandBody() {
        // Given a control plane whose commands are {"agent_id":..., "request_id":..., "action":"ping"}
        Settings agents = agents("command-template", "{\"agent_id\":\"${agent}\",\"request_id\":\"${id}\",\"action\":\"ping\"}");

        // When the template is read and filled for one agent
        String template = AgentSettings.commandTemplate(agents);

        // Then the body carries that agent and that command id
        assertThat(AgentChecks.body(template, "agent-7", "c-1"))
                .isEqualTo("{\"agent_id\":\"agent-7\",\"request_id\":\"c-1\",\"action\":\"ping\"}");
    }

    @Test
    void theDefaultCommandBodyIsTheBuiltInTargets() {
        assertThat(AgentChecks.body(AgentSettings.commandTemplate(agents()), "agent-7", "c-1"))
                .isEqualTo("{\"id\":\"c-1\",\"command\":\"ping\"}");
    }

    @Test
    void refusesACommandTemplateThatIsNotJsonOrHasNoId() {
        assertThatThrownBy(() -> AgentSettings.commandTemplate(agents("command-template", "{\"id\":${id}}")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("aftershock.agents.command-template '{\"id\":${id}}' is not a JSON object")
                .hasMessageContaining("inside quoted strings");
        assertThatThrownBy(() -> AgentSettings.commandTemplate(agents("command-template", "{\"command\":\"ping\"}")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("has no ${id}");
    }

    @Test
    void refusesARegisterTemplateThatIsNotAJsonObjectBeforeAnyAgentStarts() {
        assertThatThrownBy(() -> AgentSettings.protocol(agents("register-template", "register ${agent}"),
                List.of("ws://127.0.0.1:1/agents/connect")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("aftershock.agents.register-template 'register ${agent}' is not a JSON object");
    }

    @Test
    void fillsTheAgentIntoAnEndpointThatNamesIt() {
        // Given one address in front of the replicas that wants the agent's id in its query
        AgentProtocol protocol = AgentSettings.protocol(agents("urls", "ws://127.0.0.1:8000/agents/connect?agent=${agent}"),
                List.of());

        // Then each agent connects with its own id
        assertThat(protocol.endpoint(0, "agent-3")).hasToString("ws://127.0.0.1:8000/agents/connect?agent=agent-3");
    }
}
