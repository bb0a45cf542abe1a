package aftershock.e2e;

import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AgentReconnect on the built-in target, shortened (under a minute a run, most of it Maven and the target starting): on
 * the clean target the agents, through the front door, are back within 5 s after the kill and after Redis is replaced,
 * mapped and reachable through the other replica, and none is closed as stale; with seed 000's heartbeat-equals-stale
 * the run FAILs on spurious stale disconnects (heartbeats lose the race with the read deadline far too often for 20
 * agents over about 12 s to read 0 by chance).
 */
class AgentReconnectIT {

    private static final String[] SHORT = {"scale=0.2", "aftershock.probes.min-after-fault=4s",
            "aftershock.agent-reconnect.redis-outage=1s"};

    @Test
    void aCleanTargetBringsEveryAgentBackAndHeartbeatEqualsStaleFailsOnSpuriousStaleDisconnects(@TempDir Path clean,
                                                                                                 @TempDir Path broken)
            throws Exception {
        GatlingRun healthy = GatlingRun.of(clean, "AgentReconnect", SHORT);
        GatlingRun stale = GatlingRun.of(broken, "AgentReconnect", withDefect("heartbeat-equals-stale"));

        RunSummary good = healthy.summary();
        assertThat(healthy.exitCode).as(healthy.output).isZero();
        assertThat(good.verdict()).isEqualTo(Verdict.PASS);
        assertThat(GatlingRun.threshold(good, "agent reconnection P95").measured()).isBetween(1.5, 5.0);
        assertThat(GatlingRun.threshold(good, "agents mapped to their replica").measured()).isEqualTo(100.0);
        assertThat(GatlingRun.threshold(good, "commands through another replica").measured()).isEqualTo(100.0);
        assertThat(GatlingRun.threshold(good, "spurious stale disconnects").measured()).isZero();
        // The front door spreads the agents over both replicas (about 10 each, as the load's requests interleave), so the
        // kill dropped some; when Redis came back empty every replica asked its agents to register again: all 20
        assertThat(healthy.output).containsPattern("aftershock: agents pod-kill: [1-9][0-9]* drops: reconnection")
                .contains("redis-replace: 20 drops: reconnection");

        RunSummary bad = stale.summary();
        assertThat(stale.exitCode).as(stale.output).isNotZero();
        assertThat(GatlingRun.failing(bad)).anySatisfy(line -> assertThat(line).asString().startsWith("spurious stale disconnects"));
        assertThat(GatlingRun.threshold(bad, "spurious stale disconnects").measured()).isGreaterThanOrEqualTo(1.0);
    }

    private static String[] withDefect(String defect) {
        String[] properties = Arrays.copyOf(SHORT, SHORT.length + 1);
        properties[SHORT.length] = "aftershock.built-in.defects=" + defect;
        return properties;
    }
}
