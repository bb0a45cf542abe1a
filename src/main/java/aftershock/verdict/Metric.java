package aftershock.verdict;

import java.time.Duration;

/** What a threshold measures; the unit is part of the name. Time metrics take their limits as {@link Duration}s. */
public enum Metric {
    P50_MILLIS("P50", "ms"),
    P95_MILLIS("P95", "ms"),
    P99_MILLIS("P99", "ms"),
    MAX_MILLIS("max", "ms"),
    MEAN_MILLIS("mean", "ms"),
    ERROR_RATE_PERCENT("error rate", "%"),
    SUCCESS_RATE_PERCENT("success rate", "%"),
    REQUEST_COUNT("requests", ""),
    RPS("RPS", "req/s"),
    RECOVERY_SECONDS("recovery time", "s"),
    MAX_DOWNTIME_SECONDS("max downtime", "s"),
    AVAILABILITY_PERCENT("availability", "%"),
    LOST_WRITES("lost writes", ""),
    STALE_READS("stale reads", ""),
    /** How far P95 stayed above the pre-fault (or pre-spike) baseline P95 once the system settled. */
    P95_ABOVE_BASELINE_MILLIS("P95 above baseline", "ms"),
    /** Pairs of leadership windows of different holders that overlap: two replicas acted as leader at once. */
    OVERLAPPING_LEADERS("overlapping leadership windows", ""),
    /**
     * Seconds in which users saw at least one failed request, counted in tenths of a second, from a kill to the
     * next kill (or the end of load); the worst kill is judged. Independent of how long the phase is.
     */
    USER_ERROR_SECONDS_PER_KILL("user-visible errors per kill", "s"),
    /** P95 over the agents' reconnections: from the drop of a WebSocket until the agent is registered again. */
    AGENT_RECONNECT_P95_SECONDS("agent reconnection P95", "s"),
    /** Agents that dropped and never registered again. */
    AGENTS_NOT_BACK("agents that never came back", ""),
    /** Agents whose agent-to-replica mapping names the replica they are connected to, after recovery. */
    AGENT_MAPPING_PERCENT("agents mapped to their replica", "%"),
    /** Commands sent through another replica than the agent's that reached the agent, after recovery. */
    COMMANDS_DELIVERED_PERCENT("commands delivered", "%"),
    /** Agents disconnected as stale although they sent every heartbeat on time. */
    STALE_DISCONNECTS("spurious stale disconnects", ""),
    /** A yes/no check (1 = holds, 0 = does not), such as "agent registry re-created". */
    CHECK("check", "");

    private final String label;
    private final String unit;

    Metric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    /** A response-time figure of requests: taken over OK responses only, like Gatling's OK column. */
    public boolean isLatency() {
        return this == P50_MILLIS || this == P95_MILLIS || this == P99_MILLIS || this == MAX_MILLIS || this == MEAN_MILLIS;
    }

    /**
     * {@code duration} in this metric's unit, to the millisecond: 1500 ms is 1.5 for a seconds metric and 1500
     * for a milliseconds one.
     *
     * @throws IllegalArgumentException when this metric is not a time
     */
    public double amount(Duration duration) {
        return switch (unit) {
            case "ms" -> duration.toMillis();
            case "s" -> duration.toMillis() / 1000.0;
            default -> throw new IllegalArgumentException(label + " is not a time (its unit is '" + unit
                    + "'): give its limit as a number, not a Duration");
        };
    }
}
