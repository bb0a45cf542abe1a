package aftershock.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadershipTest {

    private static final Instant ZERO = Instant.parse("2026-11-30T07:00:00Z");

    private static JobRun run(String holder, long term, double second) {
        return new JobRun(holder, term, ZERO.plusMillis(Math.round(second * 1000)));
    }

    /** Runs every 0.5 s by {@code holder} from {@code fromSecond} to {@code toSecond}. */
    private static List<JobRun> leads(String holder, long term, double fromSecond, double toSecond) {
        List<JobRun> runs = new ArrayList<>();
        for (double s = fromSecond; s <= toSecond + 1e-9; s += 0.5) {
            runs.add(run(holder, term, s));
        }
        return runs;
    }

    private static List<JobRun> concat(List<JobRun> a, List<JobRun> b) {
        List<JobRun> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void aCleanHandOverHasOneWindowPerTermAndNoOverlap() {
        // Given replica-0 leading until 10 s, then (after a 3 s gap) replica-1
        Leadership leadership = Leadership.of(concat(leads("replica-1@2", 2, 13, 20), leads("replica-0@1", 1, 0, 10)));

        // Then there are two windows in order and none overlaps
        assertThat(leadership.windows()).extracting(Leadership.Window::holder).containsExactly("replica-0@1", "replica-1@2");
        assertThat(leadership.windows().get(0).to()).isEqualTo(ZERO.plusSeconds(10));
        assertThat(leadership.overlaps(Duration.ZERO)).isEmpty();
    }

    @Test
    void aResumedLeaderRunningOnceInsideTheNewLeadersWindowOverlapsIt() {
        // Given replica-0 leading until 10 s, replica-1 from 13 s, and replica-0 running once more at 16 s (resumed)
        List<JobRun> runs = concat(concat(leads("replica-0@1", 1, 0, 10), leads("replica-1@2", 2, 13, 20)),
                List.of(run("replica-0@1", 1, 16)));

        // When the overlaps are read
        List<Leadership.Overlap> overlaps = Leadership.of(runs).overlaps(Duration.ZERO);

        // Then replica-0's term 1 (0-16 s) and replica-1's term 2 (13-20 s) overlap for 3 s
        assertThat(overlaps).singleElement().satisfies(overlap -> {
            assertThat(overlap.first().holder()).isEqualTo("replica-0@1");
            assertThat(overlap.second().holder()).isEqualTo("replica-1@2");
            assertThat(overlap.length()).isEqualTo(Duration.ofSeconds(3));
            assertThat(overlap.describe(ZERO)).isEqualTo("replica-0@1 (term 1) 0.0-16.0 s and replica-1@2 (term 2) 13.0-20.0 s overlap for 3000 ms");
        });
    }

    @Test
    void aSingleRunStrictlyInsideAnotherWindowOverlapsButWindowsThatTouchDoNot() {
        // Given one run of replica-0 inside replica-1's window, and replica-2 starting exactly where replica-1 ends
        List<JobRun> runs = concat(leads("replica-1@2", 2, 10, 20), List.of(run("replica-0@1", 0, 15), run("replica-2@3", 3, 20)));

        // Then only replica-0's run overlaps
        assertThat(Leadership.of(runs).overlaps(Duration.ZERO)).singleElement()
                .satisfies(overlap -> assertThat(overlap.first().holder() + overlap.second().holder()).contains("replica-0@1")
                        .doesNotContain("replica-2"));
    }

    @Test
    void overlapsWithinTheClockSkewToleranceAreNotCounted() {
        // Given windows that overlap by 200 ms
        List<JobRun> runs = concat(leads("a", 1, 0, 10), leads("b", 2, 9.8, 12));

        // Then a 500 ms tolerance ignores them and a 100 ms one does not
        assertThat(Leadership.of(runs).overlaps(Duration.ofMillis(500))).isEmpty();
        assertThat(Leadership.of(runs).overlaps(Duration.ofMillis(100))).hasSize(1);
    }

    @Test
    void theNewLeaderIsTheFirstOtherHolderToRunTheJobAfterTheFault() {
        // Given replica-0 leading, killed at 10.2 s, and replica-1 running from 13 s
        Leadership leadership = Leadership.of(concat(leads("replica-0@1", 1, 0, 10), leads("replica-1@2", 2, 13, 20)));

        // Then replica-1's run at 13 s is the takeover, and replica-0's last run was at 10 s
        assertThat(leadership.firstRunByAnotherHolder("replica-0@1", ZERO.plusMillis(10_200)))
                .contains(run("replica-1@2", 2, 13));
        assertThat(leadership.lastRunOf("replica-0@1", ZERO.plusMillis(10_200))).contains(run("replica-0@1", 1, 10));
        assertThat(leadership.firstRunByAnotherHolder("replica-1@2", ZERO.plusSeconds(13))).isEmpty();
    }
}
