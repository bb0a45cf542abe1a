package aftershock.e2e;

import aftershock.verdict.FaultWindow;
import aftershock.verdict.Phase;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole distributed path in one real run (about 80 s, the e2e tier's budget for it): three injector JVMs on
 * this machine, one kill fired by injector 0, one verdict on the merged numbers.
 */
class DistributedIT {

    private static final Pattern INJECTORS_LINE =
            Pattern.compile("3 injectors, (\\d+) \\+ (\\d+) \\+ (\\d+) requests, start skew (\\d+) ms");

    @Test
    void threeInjectorsOfPodKillSendTheirSharesFireTheKillOnceAndGiveOneVerdictOnTheSum(@TempDir Path results)
            throws Exception {
        // Given 50 users/s (17 + 17 + 16) for 2 s + 10 s, with one replica killed, shared by three injectors
        // (four JVMs on two cores start cold: this proves the distributed path, not this machine's latency)
        GatlingRun run = GatlingRun.of(results, "PodKill", "scale=0.1", "aftershock.pod-kill.kill=one",
                "aftershock.injectors=3", "aftershock.pod-kill.thresholds.user-p95=10s");

        // Then the kill was fired once, by injector 0, and the run PASSes on the clean target
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output.split("chaos pod-kill injected at", -1)).as(run.output).hasSize(2);
        RunSummary summary = run.summary();
        assertThat(summary.verdict()).isEqualTo(Verdict.PASS);
        assertThat(summary.faults()).hasSize(1);

        // And the verdict's request count is the sum of the injectors' counts: 50 users/s for 12 s, within 2 %
        Matcher injectors = INJECTORS_LINE.matcher(run.output);
        assertThat(injectors.find()).as(run.output).isTrue();
        long sum = Long.parseLong(injectors.group(1)) + Long.parseLong(injectors.group(2))
                + Long.parseLong(injectors.group(3));
        assertThat(summary.requests().get(0).count()).isEqualTo(sum);
        assertThat((double) sum).isCloseTo(600, within(12.0));
        assertThat(Long.parseLong(injectors.group(1))).as("injector 0's share").isEqualTo(17 * 12);
        assertThat(Long.parseLong(injectors.group(4))).as("start skew, ms").isLessThanOrEqualTo(100);

        // And the phases are the observed window's: DURING from the kill injector 0 saw, AFTER from its recovery
        FaultWindow kill = summary.faults().get(0);
        assertThat(phase(summary, Phase.DURING).fromSecond()).isEqualTo(kill.injectedAtSecond());
        assertThat(phase(summary, Phase.AFTER).fromSecond()).isEqualTo(kill.recoveredAtSecond());

        // And one page links each injector's own Gatling report
        String page = Files.readString(run.runFolder().orElseThrow().resolve("injectors.html"));
        assertThat(page).contains("injector 0 of 3", "injector 1 of 3", "injector 2 of 3")
                .containsPattern("injector-1/gatling/podkill-\\d+/index.html")
                .containsPattern("injector-2/gatling/podkill-\\d+/index.html");
        assertThat(run.lastAftershockLine()).isEqualTo("aftershock: PASS");
    }

    private static RunSummary.PhaseStats phase(RunSummary summary, Phase phase) {
        return summary.phases().stream().filter(p -> p.phase() == phase).findFirst()
                .orElseThrow(() -> new AssertionError("no " + phase + " phase in " + summary.phases()));
    }
}
