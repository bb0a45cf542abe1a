package aftershock.agents;

import java.time.Instant;

/**
 * One thing that happened to a simulated agent, with the instant its WebSocket callback saw it.
 *
 * @param agent    the agent's id
 * @param kind     what happened
 * @param at       when the callback ran (the drop time is exact: the JDK calls onClose/onError as it happens)
 * @param replica  with {@link Kind#REGISTERED}, the replica the welcome named; otherwise the last one, or ""
 * @param detail   a close code and reason, a command id, an error
 */
public record AgentEvent(String agent, Kind kind, Instant at, String replica, String detail) {

    /** What happened. */
    public enum Kind {
        /** The welcome arrived: the agent is registered (again). */
        REGISTERED,
        /** The connection closed or failed. */
        DROPPED,
        /** The target closed the connection as stale although the agent kept its heartbeat schedule. */
        STALE,
        /** A connection attempt failed. */
        ATTEMPT_FAILED,
        /** Every reconnection attempt failed: the agent stopped trying. */
        GAVE_UP,
        /** A command reached the agent. */
        COMMAND
    }
}
