package aftershock.e2e;

import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AgentReconnect on the built-in target, shortened (under a minute a run, most of it Maven and the target starting): on the clean target the killed replica's agents
 * are back within 5 s, mapped and reachable through the other replica, and none is closed as stale; with seed 000's
 * heartbeat-equals-stale the run FAILs on spurious stale disconnects.
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
        assertThat(healthy.output).contains("aftershock: agents pod-kill: 10 drops");

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
