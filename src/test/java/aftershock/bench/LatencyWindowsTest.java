package aftershock.bench;

import aftershock.testing.ManualClock;
import aftershock.recording.IntervalLog;
import aftershock.recording.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyWindowsTest {

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */

    /** Writes {@code seconds} one-second intervals through Aftershock's own recording and interval log. */
    private Path runLog(int seconds, int slowSeconds, long slowMillis, long steadyMillis) {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-30T02:00:00Z"));
        Recording recording = new Recording(clock);
        recording.start();
        Path log = dir.resolve("requests.hlog");
        try (IntervalLog intervalLog = IntervalLog.create(log, recording.startedAt())) {
            recording.addListener(intervalLog);
            for (int second = 0; second < seconds; second++) {
                long millis = second < slowSeconds ? slowMillis : steadyMillis;
                for (int i = 0; i < 100; i++) {
                    recording.record("health", millis, true);
                    recording.record("jwt status", millis, true);
                }
                // Failed requests are not latencies: a KO of 5 s in every second must not move any P95.
                for (int i = 0; i < 50; i++) {
                    recording.record("health", 5000, false);
                }
                clock.advance(Duration.ofSeconds(1));
                recording.tick();
            }
        }
        return log;
    }

    @Test
    void measuresTheFirstSecondsAgainstTheSecondHalfOfTheLoadFromOkResponsesOnly() throws Exception {
        // Given 20 s of load: 5 slow seconds at 40 ms, then 10 ms, and a 5 s KO in every second
        Path log = runLog(20, 5, 40, 10);

        // When the first 5 s are compared with the steady state
        LatencyWindows windows = LatencyWindows.read(log, 0, 5);

        // Then the start window holds the slow seconds, the steady one the second half, and no KO
        assertThat(windows.startP95Millis()).isEqualTo(40);
        assertThat(windows.start().count()).isEqualTo(5 * 200);
        assertThat(windows.steadyP95Millis()).isEqualTo(10);
        assertThat(windows.steady().fromSecond()).isEqualTo(10.0);
        assertThat(windows.steady().toSecond()).isEqualTo(20.0);
        assertThat(windows.steady().count()).isEqualTo(10 * 200);
    }

    @Test
    void skipMovesTheStartWindowPastAWarmUp() throws Exception {
        // Given 30 s of load whose first 5 s (a warm-up) are slow
        Path log = runLog(30, 5, 40, 10);

        // When the first window starts after those 5 s
        LatencyWindows windows = LatencyWindows.read(log, 5, 5);

        // Then it sees only the steady latency, and the steady window is the second half after the skip
        assertThat(windows.start().fromSecond()).isEqualTo(5.0);
        assertThat(windows.startP95Millis()).isEqualTo(10);
        assertThat(windows.steady().fromSecond()).isEqualTo(17.5);
    }

    @Test
    void refusesALogTooShortForTwoWindowsAfterTheSkip() {
        // Given 12 s of load
        Path log = runLog(12, 5, 40, 10);

        // When 10 s are skipped, Then the reader says what it found and what to do
        assertThatThrownBy(() -> LatencyWindows.read(log, 10, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 12.0 s of load, expected at least 20 s")
                .hasMessageContaining("run longer, or lower --skip");
    }
}
