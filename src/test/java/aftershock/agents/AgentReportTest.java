package aftershock.agents;

import static org.assertj.core.api.Assertions.assertThat;

import aftershock.agents.AgentEvent.Kind;
import aftershock.gatling.ReportedEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentReportTest {

    private static final Instant ZERO = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void reportsAReconnectionFromItsDropToTheRegistrationAndAStaleCloseAsAKo() {
        // Given an agent that dropped at 1 s, failed once, and registered again at 3.2 s
        AgentReport report = new AgentReport();
        assertThat(report.of(new AgentEvent("agent-0", Kind.REGISTERED, ZERO, "replica-0", ""))).isEmpty();
        assertThat(report.of(new AgentEvent("agent-0", Kind.DROPPED, ZERO.plusMillis(1_000), "replica-0", "1006"))).isEmpty();
        assertThat(report.of(new AgentEvent("agent-0", Kind.ATTEMPT_FAILED, ZERO.plusMillis(3_000), "replica-0", ""))).isEmpty();

        // When it registers again
        ReportedEvent reconnected = report.of(new AgentEvent("agent-0", Kind.REGISTERED, ZERO.plusMillis(3_200), "replica-1", ""))
                .orElseThrow();

        // Then the report's event spans the drop to the registration
        assertThat(reconnected.name()).isEqualTo("agents: reconnected");
        assertThat(reconnected.endEpochMillis() - reconnected.startEpochMillis()).isEqualTo(2_200);
        assertThat(reconnected.ok()).isTrue();
        // And a stale close is a KO naming the agent
        ReportedEvent stale = report.of(new AgentEvent("agent-1", Kind.STALE, ZERO, "replica-0", "4001 stale")).orElseThrow();
        assertThat(stale.ok()).isFalse();
        assertThat(stale.message()).isEqualTo("agent-1: 4001 stale");
    }
}
