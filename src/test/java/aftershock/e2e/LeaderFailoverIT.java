package aftershock.e2e;

import aftershock.verdict.FaultWindow;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LeaderFailover on the built-in target, shortened (about a minute a run): the clean target elects a new leader
 * well within 15 s and never has two at once; with split-brain the resumed leader runs the job inside the new
 * leader's window, and the run FAILs on that alone. (no-takeover is shown by hand: it waits out give-up-after.)
 */
class LeaderFailoverIT {

    private static final String[] SHORT = {"scale=0.05", "aftershock.probes.min-after-fault=5s", "aftershock.leader-failover.pause=5s"};

    @Test
    void aCleanTargetHandsLeadershipOverOnceAndASplitBrainFailsOnTwoLeadersAtOnce(@TempDir Path clean, @TempDir Path broken)
            throws Exception {
        GatlingRun healthy = GatlingRun.of(clean, "LeaderFailover", SHORT);
        GatlingRun splitBrain = GatlingRun.of(broken, "LeaderFailover", withDefect("split-brain"));

        RunSummary good = healthy.summary();
        assertThat(healthy.exitCode).as(healthy.output).isZero();
        assertThat(good.verdict()).isEqualTo(Verdict.PASS);
        assertThat(good.faults()).extracting(FaultWindow::fault).containsExactly("leader-kill", "leader-pause");
        FaultWindow kill = good.faults().get(0);
        // The lease lives 3 s: nobody can take it over sooner than its expiry allows, and 15 s is the limit.
        assertThat(kill.componentRecoverySeconds()).as(kill.evidence()).isBetween(0.5, 15.0);
        assertThat(kill.evidence()).contains("killed").contains("runs the leader job in term");
        assertThat(GatlingRun.threshold(good, "time to a new leader").measured()).isLessThan(15.0);
        assertThat(GatlingRun.threshold(good, "two leaders at once").measured()).isZero();
        assertThat(good.faults().get(1).evidence()).contains("stopped by SIGSTOP").contains("resumed by SIGCONT");

        RunSummary bad = splitBrain.summary();
        assertThat(splitBrain.exitCode).as(splitBrain.output).isNotZero();
        assertThat(GatlingRun.failing(bad)).singleElement().asString().startsWith("two leaders at once");
        assertThat(GatlingRun.threshold(bad, "two leaders at once").measured()).isGreaterThanOrEqualTo(1.0);
        assertThat(splitBrain.output).contains("aftershock: two leaders at once: ");
    }

    private static String[] withDefect(String defect) {
        String[] properties = Arrays.copyOf(SHORT, SHORT.length + 1);
        properties[SHORT.length] = "aftershock.built-in.defects=" + defect;
        return properties;
    }
}
