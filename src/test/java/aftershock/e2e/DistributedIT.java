package aftershock.e2e;

import aftershock.verdict.FaultWindow;
import aftershock.verdict.Phase;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Real runs spread over three injector JVMs on this machine: one verdict on the merged numbers. */
class DistributedIT {

    private static final Pattern INJECTORS_LINE =
            Pattern.compile("3 injectors, (\\d+) \\+ (\\d+) \\+ (\\d+) requests, start skew (\\d+) ms");

    @Test
    void threeInjectorsOfSustainedLoadGiveOneVerdictOnTheSumOfTheirRequests(@TempDir Path results) throws Exception {
        // Given 100 RPS for 10 min x 0.03 = 18 s, shared by three injectors (34 + 33 + 33 users/s)
        GatlingRun run = GatlingRun.of(results, "SustainedLoad", "scale=0.03", "aftershock.injectors=3");

        // Then one verdict, whose request count is the sum of the three injectors' counts
        assertThat(run.exitCode).as(run.output).isZero();
        RunSummary summary = run.summary();
        RequestStats all = summary.requests().get(0);
        Matcher injectors = INJECTORS_LINE.matcher(run.output);
        assertThat(injectors.find()).as(run.output).isTrue();
        long sum = Arrays.stream(new int[] {1, 2, 3}).mapToLong(g -> Long.parseLong(injectors.group(g))).sum();
        assertThat(all.count()).isEqualTo(sum);
        // And the three sent 100 users/s between them: 1,800 requests, within 2 %
        assertThat((double) all.count()).isCloseTo(1800, within(36.0));
        assertThat(Long.parseLong(injectors.group(1))).isEqualTo(34 * 18);
        assertThat(Long.parseLong(injectors.group(4))).as("start skew, ms").isLessThanOrEqualTo(100);
        assertThat(summary.thresholds()).hasSize(3).allMatch(t -> t.verdict() == Verdict.PASS);
        // And one page links each injector's own Gatling report
        Path folder = run.runFolder().orElseThrow();
        String page = Files.readString(folder.resolve("injectors.html"));
        assertThat(page).contains("injector 0 of 3", "injector 1 of 3", "injector 2 of 3")
                .containsPattern("injector-1/gatling/sustainedload-\\d+/index.html")
                .containsPattern("injector-2/gatling/sustainedload-\\d+/index.html");
        assertThat(run.lastAftershockLine()).isEqualTo("aftershock: PASS");
    }

    @Test
    void threeInjectorsOfPodKillFireTheKillOnceAndJudgeItsPhasesFromTheObservedWindow(@TempDir Path results)
            throws Exception {
        // Given one replica killed under load shared by three injectors
        GatlingRun run = GatlingRun.of(results, "PodKill", "scale=0.1", "aftershock.pod-kill.kill=one",
                "aftershock.injectors=3");

        // Then the kill was fired once, by injector 0, and the run PASSes on the clean target
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output.split("chaos pod-kill injected at", -1)).hasSize(2);
        RunSummary summary = run.summary();
        assertThat(summary.faults()).hasSize(1);
        FaultWindow kill = summary.faults().get(0);
        // And the phases are the observed window's: DURING starts at the kill the journal saw, AFTER at its recovery
        RunSummary.PhaseStats during = summary.phases().stream().filter(p -> p.phase() == Phase.DURING).findFirst()
                .orElseThrow();
        assertThat(during.fromSecond()).isEqualTo(kill.injectedAtSecond());
        RunSummary.PhaseStats after = summary.phases().stream().filter(p -> p.phase() == Phase.AFTER).findFirst()
                .orElseThrow();
        assertThat(after.fromSecond()).isEqualTo(kill.recoveredAtSecond());
        // And the phases hold every injector's requests, not injector 0's alone
        Matcher injectors = INJECTORS_LINE.matcher(run.output);
        assertThat(injectors.find()).as(run.output).isTrue();
        assertThat(summary.requests().get(0).count()).isEqualTo(Long.parseLong(injectors.group(1))
                + Long.parseLong(injectors.group(2)) + Long.parseLong(injectors.group(3)));
        assertThat(summary.verdict()).isEqualTo(Verdict.PASS);
    }
}
