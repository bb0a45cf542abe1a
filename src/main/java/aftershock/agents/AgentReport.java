package aftershock.agents;

import aftershock.agents.AgentEvent.Kind;
import aftershock.gatling.ReportedEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns agents' events into events of the run's report, like chaos events: each reconnection is one OK
 * "agents: reconnected" whose response time is the time from the drop to the registration; a stale close and a
 * given-up agent are KOs.
 */
public final class AgentReport {

    private final Map<String, Instant> droppedAt = new ConcurrentHashMap<>();

    /** The report's event for {@code event}, if it makes one. */
    public Optional<ReportedEvent> of(AgentEvent event) {
        long at = event.at().toEpochMilli();
        return switch (event.kind()) {
            case DROPPED, STALE -> {
                droppedAt.putIfAbsent(event.agent(), event.at());
                yield event.kind() == Kind.STALE
                        ? Optional.of(new ReportedEvent("agents: stale close", at, at, false, "STALE", event.agent() + ": " + event.detail()))
                        : Optional.empty();
            }
            case REGISTERED -> {
                Instant dropped = droppedAt.remove(event.agent());
                yield dropped == null ? Optional.empty()
                        : Optional.of(new ReportedEvent("agents: reconnected", dropped.toEpochMilli(), at, true, "RECONNECTED", null));
            }
            case GAVE_UP -> Optional.of(new ReportedEvent("agents: gave up", at, at, false, "GAVE_UP", event.agent() + ": " + event.detail()));
            default -> Optional.empty();
        };
    }
}
