package aftershock.agents;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;

/** The agents' protocol from {@code aftershock.agents}; bad values are refused with one line, before any load. */
public final class AgentSettings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentSettings() {
    }

    /** {@code agents.urls}, or {@code builtInUrls} when it is empty. */
    public static AgentProtocol protocol(Settings agents, List<String> builtInUrls) {
        String urls = agents.string("urls").trim();
        List<String> endpoints = urls.isEmpty() ? builtInUrls
                : Arrays.stream(urls.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList();
        if (endpoints.isEmpty()) {
            throw new ConfigurationException("aftershock.agents.urls is empty and the target is not the built-in one:"
                    + " set it to your control plane's agent endpoints, e.g. ws://localhost:8000/api/v1/agents/connect");
        }
        json(agents, "register-template", "agent-0", "");
        json(agents, "heartbeat-template", "agent-0", "");
        try {
            return new AgentProtocol(endpoints, agents.string("register-template"), agents.string("heartbeat-template"),
                    agents.duration("heartbeat-interval"), agents.string("registered-type"), agents.string("replica-field"),
                    agents.string("command-type"), agents.string("command-id-field"), agents.positiveInt("stale-close-code"),
                    new AgentProtocol.Backoff(agents.duration("backoff.initial"), agents.positiveInt("backoff.attempts")));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("aftershock.agents: " + e.getMessage());
        }
    }

    /**
     * {@code command-template}: the JSON body POSTed to {@code command-path} through another replica, {@code ${agent}}
     * and {@code ${id}} filled in; refused with one line unless it is JSON that carries {@code ${id}}.
     */
    public static String commandTemplate(Settings agents) {
        String template = json(agents, "command-template", "agent-0", "c-0");
        if (!template.contains("${id}")) {
            throw new ConfigurationException("aftershock.agents.command-template " + template + " has no ${id}: the agent"
                    + " must see the command's id to report it, e.g. {\"id\":\"${id}\",\"command\":\"ping\"}");
        }
        return template;
    }

    /** A template's text, once it has been read as JSON with {@code ${agent}} and {@code ${id}} filled in. */
    private static String json(Settings agents, String name, String agent, String id) {
        String template = agents.string(name);
        String problem;
        try {
            problem = JSON.readTree(AgentChecks.body(template, agent, id)).isObject() ? null : "not an object";
        } catch (JsonProcessingException e) {
            problem = e.getOriginalMessage();
        }
        if (problem != null) {
            throw new ConfigurationException("aftershock.agents." + name + " '" + template + "' is not a JSON object once its"
                    + " placeholders are filled in (" + problem + "): write one JSON object, with ${agent}"
                    + " (and ${id} in a command) inside quoted strings");
        }
        return template;
    }
}
