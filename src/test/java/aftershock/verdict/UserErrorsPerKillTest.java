package aftershock.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import aftershock.recording.Recording;
import aftershock.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Seconds of user-visible errors per kill", judged from the failure instants a recording keeps. */
class UserErrorsPerKillTest {

    private static final Threshold PER_KILL = Threshold.below(Metric.USER_ERROR_SECONDS_PER_KILL, Duration.ofSeconds(2))
            .forFault(() -> "pod-kill");

    /**
     * {@code seconds} of load at 10 requests a second (one every 100 ms); a request fails when its instant falls in
     * one of the {@code outages}, each [from, to) in seconds.
     */
    private static Recording run(int seconds, double[]... outages) {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-30T08:00:00Z"));
        Recording recording = new Recording(clock);
        recording.start();
        for (int tenth = 0; tenth < seconds * 10; tenth++) {
            double at = tenth / 10.0;
            boolean failed = false;
            for (double[] outage : outages) {
                failed |= at >= outage[0] && at < outage[1];
            }
            recording.record("health", 5, !failed);
            clock.advance(Duration.ofMillis(100));
            if (tenth % 10 == 9) {
                recording.tick();
            }
        }
        return recording;
    }

    private static FaultWindow killAt(double second) {
        return new FaultWindow("pod-kill", "SIGKILL replica", second, null, second + 3, 3.0, 3.0, 90.0);
    }

    private static ThresholdResult judge(Recording recording, List<FaultWindow> kills) {
        Judge.Facts facts = new Judge.Facts("PodKill", "test", 0, 0, "http://127.0.0.1:8080/", 1.0, kills, null,
                Map.of(), Map.of());
        return Judge.judge(facts, recording, List.of(PER_KILL)).thresholds().get(0);
    }

    @Test
    void countsTheTenthsWithAFailureAfterEachKillAndJudgesTheWorst() {
        // Given two kills, users saw errors for 0.3 s after the first and 1.2 s after the second
        Recording recording = run(40, new double[] {10.0, 10.3}, new double[] {25.5, 26.7});

        // When the per-kill figure is judged
        ThresholdResult result = judge(recording, List.of(killAt(10), killAt(25)));

        // Then the worst kill is 1.2 s, below 2 s, and the note names each kill and the address measured
        assertThat(result.measured()).isEqualTo(1.2);
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.note()).contains("http://127.0.0.1:8080/").contains("kill 1 at 10.0 s: 0.3 s")
                .contains("kill 2 at 25.0 s: 1.2 s");
    }

    @Test
    void doesNotDependOnHowLongThePhaseIs() {
        // Given the same 0.5 s of errors after a kill, in a short run and in one three times as long
        Recording shortRun = run(20, new double[] {10.0, 10.5});
        Recording longRun = run(60, new double[] {10.0, 10.5});

        // Then the figure is the same
        assertThat(judge(shortRun, List.of(killAt(10))).measured()).isEqualTo(0.5)
                .isEqualTo(judge(longRun, List.of(killAt(10))).measured());
    }

    @Test
    void aFrontDoorThatKeepsADeadReplicaFails() {
        // Given users see errors for 4 s after a kill (a dead replica kept in rotation until it restarts)
        Recording recording = run(30, new double[] {10.0, 14.0});

        // Then the kill fails the 2 s limit
        ThresholdResult result = judge(recording, List.of(killAt(10)));
        assertThat(result.measured()).isEqualTo(4.0);
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void errorsBeforeTheFirstKillAreNotCounted() {
        Recording recording = run(30, new double[] {2.0, 5.0});

        assertThat(judge(recording, List.of(killAt(10))).measured()).isEqualTo(0.0);
    }

    @Test
    void withoutAKillTheFigureIsNotMeasured() {
        ThresholdResult result = judge(run(10), List.of());

        assertThat(result.measured()).isNull();
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.note()).contains("no fault named pod-kill fired");
    }
}
