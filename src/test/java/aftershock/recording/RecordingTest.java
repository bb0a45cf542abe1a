package aftershock.recording;

import aftershock.testing.ManualClock;
import aftershock.verdict.RequestStats;
import aftershock.verdict.Threshold;
import aftershock.verdict.TimelinePoint;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecordingTest {

    /** A clock the test moves by hand. */

    @Test
    void countsOkAndKoPerRequestNameAndInTotal() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T06:00:00Z"));
        Recording recording = new Recording(clock);
        recording.start();
        for (int i = 1; i <= 100; i++) {
            recording.record("login", i, true);
        }
        recording.record("login", 5000, false);
        recording.record("health", 1, true);
        clock.advance(Duration.ofSeconds(1));
        recording.tick();

        RequestStats login = recording.stats("login", 0, 1);
        RequestStats all = recording.stats(Threshold.ALL_REQUESTS, 0, 1);

        assertThat(login.count()).isEqualTo(101);
        assertThat(login.ko()).isEqualTo(1);
        assertThat(login.p50Millis()).isEqualTo(50);
        // the 5 s KO is counted, not timed: latency is of OK responses
        assertThat(login.maxMillis()).isEqualTo(100);
        assertThat(all.count()).isEqualTo(102);
        assertThat(all.rps()).isEqualTo(102.0);
        assertThat(recording.requestNames()).containsExactly("health", "login");
    }

    @Test
    void windowsSelectOnlyTheSecondsInsideThem() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T06:00:00Z"));
        Recording recording = new Recording(clock);
        recording.start();
        for (int second = 0; second < 10; second++) {
            long latency = second < 5 ? 10 : 300;
            for (int i = 0; i < 20; i++) {
                recording.record("agents", latency, second < 5 || i % 2 == 0);
            }
            clock.advance(Duration.ofSeconds(1));
            recording.tick();
        }

        RequestStats before = recording.stats("agents", 0, 5);
        RequestStats during = recording.stats("agents", 5, 10);

        assertThat(before.count()).isEqualTo(100);
        assertThat(before.p95Millis()).isEqualTo(10);
        assertThat(before.errorRatePercent()).isZero();
        assertThat(during.p95Millis()).isEqualTo(300);
        assertThat(during.errorRatePercent()).isEqualTo(50.0);
        List<TimelinePoint> timeline = recording.timeline();
        assertThat(timeline).hasSize(10);
        assertThat(timeline.get(7)).isEqualTo(new TimelinePoint(7, 20, 10, 300, 300));
    }

    @Test
    void warmUpSecondsLieBeforeSecondZeroAndReachTheListeners() {
        // Given a recording that warms up for 3 s, with a listener such as the interval log
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T06:00:00Z"));
        Recording recording = new Recording(clock);
        List<Instant> intervalsFrom = new ArrayList<>();
        recording.addListener((from, to, name, ok, ko) -> intervalsFrom.add(from));
        recording.start(Duration.ofSeconds(3));

        // When 3 slow warm-up seconds and 2 fast seconds are recorded, each request in the middle of its second
        for (int second = 0; second < 5; second++) {
            clock.advance(Duration.ofMillis(500));
            recording.record("health", second < 3 ? 500 : 2, true);
            clock.advance(Duration.ofMillis(500));
            recording.tick();
        }

        // Then second 0 is the end of the warm-up, and the judged run from 0 holds only the fast requests
        assertThat(recording.warmUpSeconds()).isEqualTo(3.0);
        assertThat(recording.startedAt()).isEqualTo(recording.loadStartedAt().plusSeconds(3));
        assertThat(recording.recordedSeconds()).isEqualTo(2.0);
        assertThat(recording.stats("health", 0, recording.recordedSeconds()).count()).isEqualTo(2);
        assertThat(recording.stats("health", 0, recording.recordedSeconds()).maxMillis()).isEqualTo(2);
        assertThat(recording.warmUpStats("health").count()).isEqualTo(3);
        assertThat(recording.timeline()).extracting(TimelinePoint::second).containsExactly(0L, 1L);
        assertThat(intervalsFrom).hasSize(5).first().isEqualTo(recording.loadStartedAt());
    }

    @Test
    void theWarmUpCountsFromTheFirstRequestSentNotFromTheStartOfTheRecording() {
        // Given a recording started with a warm-up of 2 s, and a load generator that sends its first request 0.3 s later
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T06:00:00Z"));
        Recording recording = new Recording(clock);
        recording.start(Duration.ofSeconds(2));
        Instant recordingStarted = clock.instant();

        // When that request is answered 0.1 s after it was sent
        clock.advance(Duration.ofMillis(400));
        recording.record("health", 100, true);

        // Then second 0 of the judged run is 2 s after the first request, and a request sent just before it is the warm-up's
        assertThat(recording.startedAt()).isEqualTo(recordingStarted.plusMillis(2300));
        assertThat(recording.warmUpSeconds()).isEqualTo(2.0);
        clock.advance(Duration.ofMillis(2000));
        recording.record("health", 150, true);
        recording.tick();
        assertThat(recording.warmUpStats("health").count()).isEqualTo(2);
        assertThat(recording.stats("health", 0, 10).count()).isZero();
    }

    @Test
    void aRequestSentDuringTheWarmUpButAnsweredAfterItBelongsToTheWarmUp() {
        // Given a recording that warms up for 2 s
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T06:00:00Z"));
        Recording recording = new Recording(clock);
        Map<String, Long> logged = new HashMap<>();
        recording.addListener((from, to, name, ok, ko) -> logged.merge(name, ok.getTotalCount(), Long::sum));
        recording.start(Duration.ofSeconds(2));
        recording.record("health", 0, true);
        clock.advance(Duration.ofSeconds(2));
        recording.tick();

        // When, 0.5 s into the judged run, a request sent 1.5 s earlier (during the warm-up) is answered, and a
        // request sent 0.1 s earlier too
        clock.advance(Duration.ofMillis(500));
        recording.record("login", 1500, true);
        recording.record("login", 100, true);
        clock.advance(Duration.ofMillis(500));
        recording.tick();

        // Then only the second is judged; the first is the warm-up's, and the interval log has both
        assertThat(recording.stats("login", 0, recording.recordedSeconds()).count()).isEqualTo(1);
        assertThat(recording.stats("login", 0, recording.recordedSeconds()).maxMillis()).isEqualTo(100);
        assertThat(recording.warmUpStats("login").count()).isEqualTo(1);
        assertThat(recording.warmUpStats("login").maxMillis()).isEqualTo(1500);
        assertThat(logged).containsEntry("login", 2L);
    }

    @Test
    void recordsFromManyThreadsWithoutLosingAny() throws Exception {
        Recording recording = new Recording(Clock.systemUTC());
        recording.start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Ticker ignored = Ticker.start(recording, Duration.ofMillis(5))) {
            for (int t = 0; t < 4; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        recording.record("jwt status", i % 100, i % 10 != 0);
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        RequestStats stats = recording.stats("jwt status", 0, Double.MAX_VALUE);
        assertThat(stats.count()).isEqualTo(200_000);
        assertThat(stats.ko()).isEqualTo(20_000);
    }

    @Test
    void theIntervalLogReadsBackAndMergesToTheRecordedTotals(@TempDir Path dir) throws FileNotFoundException {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T06:00:00Z"));
        Recording recording = new Recording(clock);
        recording.start();
        Path file = dir.resolve("requests.hlog");
        try (IntervalLog log = IntervalLog.create(file, recording.startedAt())) {
            recording.addListener(log);
            for (int second = 0; second < 5; second++) {
                for (int i = 0; i < 100; i++) {
                    recording.record("jwt status", 1 + (i * second) % 700, i % 20 != 0);
                }
                clock.advance(Duration.ofSeconds(1));
                recording.tick();
            }
        }

        Map<String, Histogram> merged = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        Histogram interval;
        int intervals = 0;
        while ((interval = (Histogram) reader.nextIntervalHistogram()) != null) {
            intervals++;
            merged.computeIfAbsent(interval.getTag(), tag -> new Histogram(3)).add(interval);
        }

        RequestStats recorded = recording.stats("jwt status", 0, 5);
        Histogram all = merged.get("jwt+status.ok").copy();
        all.add(merged.get("jwt+status.ko"));
        assertThat(intervals).isEqualTo(10);
        assertThat(merged.get("jwt+status.ko").getTotalCount()).isEqualTo(recorded.ko());
        assertThat(all.getTotalCount()).isEqualTo(recorded.count());
        Histogram ok = merged.get("jwt+status.ok");
        assertThat(ok.getValueAtPercentile(95)).isEqualTo(recorded.p95Millis());
        assertThat(ok.getMean()).isCloseTo(recorded.meanMillis(), within(0.01));
    }

    @Test
    void fastFailuresDoNotPullThePercentilesDown() {
        // Given 80 OK responses at 200 ms and 20 connection refusals answered in 1 ms
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T06:00:00Z"));
        Recording recording = new Recording(clock);
        recording.start();
        for (int i = 0; i < 100; i++) {
            recording.record("checkout", i < 80 ? 200 : 1, i < 80);
        }
        clock.advance(Duration.ofSeconds(1));
        recording.tick();

        // When the window is summed up
        RequestStats checkout = recording.stats("checkout", 0, 1);

        // Then P50 and P95 are those of the OK responses, and the failures are counted beside them
        assertThat(checkout.p50Millis()).isEqualTo(200);
        assertThat(checkout.p95Millis()).isEqualTo(200);
        assertThat(checkout.ko()).isEqualTo(20);
        assertThat(checkout.errorRatePercent()).isEqualTo(20.0);
        assertThat(recording.timeline().get(0).p95Millis()).isEqualTo(200);
    }
}
