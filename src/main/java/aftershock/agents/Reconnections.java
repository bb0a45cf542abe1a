package aftershock.agents;

import aftershock.agents.AgentEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The agents' reconnections after the drops in one window, at 100 ms resolution: a pure function of recorded events.
 *
 * <pre>
 *   Reconnections podKill = Reconnections.of(events, killAt, redisReplaceAt);
 *   podKill.p95Millis();   // 2100
 *   podKill.notBack();     // agents that dropped in the window and never registered again
 * </pre>
 *
 * @param drops            drops in the window (stale closes are not drops of a fault: they are counted apart)
 * @param reconnectMillis  for each drop followed by a registration, the time to it, rounded to 100 ms, ascending
 * @param notBack          agents whose last drop in the window was never followed by a registration
 */
public record Reconnections(int drops, List<Long> reconnectMillis, List<String> notBack) {

    /** Drops with {@code from <= at < until}; a reconnection is looked for in every event after the drop. */
    public static Reconnections of(List<AgentEvent> events, Instant from, Instant until) {
        List<AgentEvent> sorted = events.stream().sorted(Comparator.comparing(AgentEvent::at)).toList();
        List<Long> millis = new ArrayList<>();
        List<String> notBack = new ArrayList<>();
        int drops = 0;
        for (int i = 0; i < sorted.size(); i++) {
            AgentEvent drop = sorted.get(i);
            // Stale closes are counted apart (spurious stale disconnects): here only what the fault dropped.
            if (drop.kind() != Kind.DROPPED || drop.at().isBefore(from) || !drop.at().isBefore(until)) {
                continue;
            }
            drops++;
            AgentEvent back = null;
            for (int j = i + 1; j < sorted.size() && back == null; j++) {
                AgentEvent next = sorted.get(j);
                if (next.agent().equals(drop.agent()) && next.kind() == Kind.REGISTERED) {
                    back = next;
                }
            }
            if (back == null) {
                if (!notBack.contains(drop.agent())) {
                    notBack.add(drop.agent());
                }
            } else {
                millis.add(roundedTo100(Duration.between(drop.at(), back.at())));
            }
        }
        millis.sort(Comparator.naturalOrder());
        return new Reconnections(drops, List.copyOf(millis), List.copyOf(notBack));
    }

    private static long roundedTo100(Duration duration) {
        return Math.round(duration.toMillis() / 100.0) * 100;
    }

    /** Nearest-rank P50 in ms; NaN when no agent reconnected. */
    public double p50Millis() {
        return percentile(50);
    }

    /** Nearest-rank P95 in ms; NaN when no agent reconnected. */
    public double p95Millis() {
        return percentile(95);
    }

    /** The slowest reconnection in ms; NaN when no agent reconnected. */
    public double maxMillis() {
        return reconnectMillis.isEmpty() ? Double.NaN : reconnectMillis.get(reconnectMillis.size() - 1);
    }

    private double percentile(int percent) {
        if (reconnectMillis.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * reconnectMillis.size());
        return reconnectMillis.get(Math.max(rank, 1) - 1);
    }

    /**
     * "12 drops: reconnection P50 2.1 s, P95 2.2 s, max 2.3 s; 0 never came back", or, for a fault that dropped no agent,
     * "0 of 20 agents dropped: no reconnection needed" (an observed figure: the agents were connected through it).
     */
    public String describe(int agents) {
        if (drops == 0) {
            return "0 of " + agents + " agents dropped: no reconnection needed";
        }
        String times = reconnectMillis.isEmpty() ? "no agent reconnected"
                : String.format(java.util.Locale.ROOT, "reconnection P50 %.1f s, P95 %.1f s, max %.1f s",
                p50Millis() / 1000, p95Millis() / 1000, maxMillis() / 1000);
        return drops + " drops: " + times + "; " + notBack.size() + " never came back" + (notBack.isEmpty() ? "" : " " + notBack);
    }
}
