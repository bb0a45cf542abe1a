package aftershock.agents;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** The agents' protocol from {@code aftershock.agents}; bad values are refused with one line, before any load. */
public final class AgentSettings {

    private AgentSettings() {
    }

    /** {@code agents.urls}, or {@code builtInUrls} when it is empty. */
    public static AgentProtocol protocol(Settings agents, List<URI> builtInUrls) {
        String urls = agents.string("urls").trim();
        List<URI> endpoints;
        try {
            endpoints = urls.isEmpty() ? builtInUrls
                    : Arrays.stream(urls.split(",")).map(String::trim).filter(u -> !u.isEmpty()).map(URI::create).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("aftershock.agents.urls '" + urls + "' holds something that is not a URL ("
                    + e.getMessage() + "): write ws://host:port/path, comma-separated");
        }
        if (endpoints.isEmpty()) {
            throw new ConfigurationException("aftershock.agents.urls is empty and the target is not the built-in one:"
                    + " set it to your control plane's agent endpoints, e.g. ws://localhost:8000/api/v1/agents/connect");
        }
        try {
            return new AgentProtocol(endpoints, agents.string("register-template"), agents.string("heartbeat-template"),
                    agents.duration("heartbeat-interval"), agents.string("registered-type"), agents.string("replica-field"),
                    agents.string("command-type"), agents.string("command-id-field"), agents.positiveInt("stale-close-code"),
                    new AgentProtocol.Backoff(agents.duration("backoff.initial"), agents.positiveInt("backoff.attempts")));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("aftershock.agents: " + e.getMessage());
        }
    }
}
