package aftershock.agents;

import static org.assertj.core.api.Assertions.assertThat;

import aftershock.agents.AgentEvent.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectionsTest {

    private static final Instant ZERO = Instant.parse("2026-11-30T08:00:00Z");

    private static AgentEvent at(String agent, Kind kind, long millis) {
        return new AgentEvent(agent, kind, ZERO.plusMillis(millis), "replica-0", "");
    }

    @Test
    void measuresEachDropToTheNextRegistrationAtOneHundredMilliseconds() {
        // Given 20 agents that dropped at 10 s and came back after 2.04 s, 2.16 s ... 4.32 s (19 of them) and 9.97 s
        List<AgentEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String agent = "agent-" + i;
            events.add(at(agent, Kind.REGISTERED, 0));
            events.add(at(agent, Kind.DROPPED, 10_000));
            events.add(at(agent, Kind.REGISTERED, 10_000 + (i == 19 ? 9_970 : 2_040 + 120L * i)));
        }

        // When the window of the fault is read
        Reconnections reconnections = Reconnections.of(events, ZERO.plusSeconds(5), ZERO.plusSeconds(30));

        // Then every time is rounded to 100 ms (3.12 s reads 3.1 s), and the percentiles are nearest-rank
        assertThat(reconnections.drops()).isEqualTo(20);
        assertThat(reconnections.reconnectMillis()).first().isEqualTo(2_000L);
        assertThat(reconnections.p50Millis()).isEqualTo(3_100.0);
        assertThat(reconnections.p95Millis()).isEqualTo(4_200.0);
        assertThat(reconnections.maxMillis()).isEqualTo(10_000.0);
        assertThat(reconnections.notBack()).isEmpty();
    }

    @Test
    void countsAnAgentThatNeverRegisteredAgainAsNotBack() {
        // Given one agent that came back and one that gave up
        List<AgentEvent> events = List.of(
                at("agent-0", Kind.DROPPED, 1_000), at("agent-0", Kind.REGISTERED, 3_000),
                at("agent-1", Kind.DROPPED, 1_000), at("agent-1", Kind.ATTEMPT_FAILED, 3_000), at("agent-1", Kind.GAVE_UP, 60_000));

        // When the figures are read
        Reconnections reconnections = Reconnections.of(events, ZERO, ZERO.plusSeconds(90));

        // Then the one left behind is named, and only the other is timed
        assertThat(reconnections.notBack()).containsExactly("agent-1");
        assertThat(reconnections.reconnectMillis()).containsExactly(2_000L);
        assertThat(reconnections.describe(2)).contains("2 drops").contains("1 never came back [agent-1]");
    }

    @Test
    void leavesOutDropsOutsideTheWindowAndStaleCloses() {
        // Given a drop before the window, a stale close inside it, and one drop inside it
        List<AgentEvent> events = List.of(
                at("agent-0", Kind.DROPPED, 1_000), at("agent-0", Kind.REGISTERED, 1_500),
                at("agent-1", Kind.STALE, 12_000), at("agent-1", Kind.REGISTERED, 14_000),
                at("agent-2", Kind.DROPPED, 12_000), at("agent-2", Kind.REGISTERED, 12_700));

        // When the window 10 s - 20 s is read
        Reconnections reconnections = Reconnections.of(events, ZERO.plusSeconds(10), ZERO.plusSeconds(20));

        // Then only agent-2's drop counts
        assertThat(reconnections.drops()).isEqualTo(1);
        assertThat(reconnections.reconnectMillis()).containsExactly(700L);
    }

    @Test
    void measuresNothingWhenNoAgentDropped() {
        // Given agents that only registered
        List<AgentEvent> events = List.of(at("agent-0", Kind.REGISTERED, 0));

        // When the figures are read
        Reconnections reconnections = Reconnections.of(events, ZERO, ZERO.plusSeconds(10));

        // Then no reconnection time is measured, never a zero, and the note says that no agent needed one
        assertThat(reconnections.p95Millis()).isNaN();
        assertThat(reconnections.describe(20)).isEqualTo("0 of 20 agents dropped: no reconnection needed");
    }
}
