package aftershock.distributed;

import aftershock.testing.RecordingInjector;
import aftershock.verdict.RequestStats;
import aftershock.verdict.Threshold;
import aftershock.verdict.TimelinePoint;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge is exact: three injector processes really write their interval logs, and the merged figures equal
 * those of one histogram of every sample they recorded.
 */
class MergedRecordingTest {

    private static final int INJECTORS = 3;

    @TempDir
    static Path folder;
    static List<Path> logs = new ArrayList<>();
    static Instant start;

    @BeforeAll
    static void threeInjectorProcessesRecordTheirSamples() throws IOException, InterruptedException {
        start = Instant.now().plusMillis(3_000);
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < INJECTORS; i++) {
            Path log = folder.resolve("injector-" + i + ".hlog");
            logs.add(log);
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), RecordingInjector.class.getName(),
                    Integer.toString(i), log.toString(), Long.toString(start.toEpochMilli()))
                    .redirectErrorStream(true).redirectOutput(folder.resolve("injector-" + i + ".out").toFile()).start());
        }
        for (Process process : processes) {
            try {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("injector pid %d ended", process.pid()).isTrue();
                assertThat(process.exitValue()).as("injector pid %d exit code", process.pid()).isZero();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void mergedPercentilesPerRequestAndOutcomeEqualThoseOfOneRecordingOfEverySample() {
        // Given the logs the three injector processes wrote
        MergedRecording merged = MergedRecording.read(logs, start, 0);

        for (String name : RecordingInjector.REQUESTS) {
            for (boolean ok : List.of(true, false)) {
                // When the same samples are recorded in one histogram
                Histogram one = new Histogram(3);
                for (int i = 0; i < INJECTORS; i++) {
                    RecordingInjector.samples(i).stream()
                            .filter(s -> s.requestName().equals(name) && s.ok() == ok)
                            .forEach(s -> one.recordValue(s.responseMillis()));
                }
                Histogram fromLogs = merged.histogram(name, ok, -1, 3_600);

                // Then count, P50, P95, P99 and max are equal: error 0
                String what = name + (ok ? " OK" : " KO");
                assertThat(fromLogs.getTotalCount()).as(what + " count").isEqualTo(one.getTotalCount()).isPositive();
                for (double percentile : new double[] {50, 95, 99}) {
                    assertThat(fromLogs.getValueAtPercentile(percentile)).as(what + " P" + percentile)
                            .isEqualTo(one.getValueAtPercentile(percentile));
                }
                assertThat(fromLogs.getMaxValue()).as(what + " max").isEqualTo(one.getMaxValue());
            }
        }
    }

    @Test
    void theJudgedFiguresOfAllRequestsAreThoseOfEverySample() {
        MergedRecording merged = MergedRecording.read(logs, start, 0);
        Histogram ok = new Histogram(3);
        long all = 0;
        for (int i = 0; i < INJECTORS; i++) {
            for (RecordingInjector.Sample s : RecordingInjector.samples(i)) {
                all++;
                if (s.ok()) {
                    ok.recordValue(s.responseMillis());
                }
            }
        }

        RequestStats stats = merged.stats(Threshold.ALL_REQUESTS, 0, merged.recordedSeconds());

        assertThat(stats.count()).isEqualTo(all);
        assertThat(stats.p95Millis()).isEqualTo(ok.getValueAtPercentile(95));
        assertThat(stats.p99Millis()).isEqualTo(ok.getValueAtPercentile(99));
        assertThat(stats.maxMillis()).isEqualTo(ok.getMaxValue());
        assertThat(merged.requestsPerLog()).hasSize(INJECTORS)
                .allSatisfy(perLog -> assertThat(perLog).isEqualTo((long) RecordingInjector.SAMPLES * 2));
    }

    @Test
    void theInjectorsSecondsLineUpOnOneTimeline() {
        MergedRecording merged = MergedRecording.read(logs, start, 0);

        List<TimelinePoint> timeline = merged.timeline();

        // Then each second of the run is one point holding every injector's requests of that second
        assertThat(timeline).extracting(TimelinePoint::second).doesNotHaveDuplicates().isSorted();
        long first = timeline.get(0).second();
        assertThat(timeline.size()).isLessThanOrEqualTo((int) Math.ceil(merged.recordedSeconds() - first) + 1);
        assertThat(timeline.stream().mapToLong(TimelinePoint::count).sum())
                .isEqualTo((long) INJECTORS * RecordingInjector.SAMPLES * 2);
    }

    @Test
    void theInjectorsFailureInstantsKeepTheirTenthsOfASecondOnTheMergedTimeline() {
        // Given second 0 on a tenth of a second; injector 1 saw a request fail 2.31 s after it, injector 2 at 2.35 s
        // and 5.07 s, and once in the warm-up, 3 s before it
        Instant zero = Instant.ofEpochMilli(start.toEpochMilli() / 100 * 100);
        long zeroTenth = zero.toEpochMilli() / 100;
        MergedRecording merged = MergedRecording.read(logs, zero, 0).withFailedEpochTenths(List.of(
                List.of(), List.of(zeroTenth + 23), List.of(zeroTenth + 23, zeroTenth + 50, zeroTenth - 30)));

        // When the merged run's failure tenths are read
        SortedSet<Long> tenths = merged.failedTenths();

        // Then each failure lies in its own tenth, not in all ten tenths of its second, and the warm-up's is left out
        assertThat(tenths).containsExactly(23L, 50L);
    }

    @Test
    void withoutTheInjectorsFailureInstantsEachSecondWithAKoCountsWhole() {
        // Given the logs alone (5 % of every injector's samples are KO)
        MergedRecording merged = MergedRecording.read(logs, start, 0);

        // Then every tenth of a second with a KO in its interval counts: whole seconds
        assertThat(merged.failedTenths()).isNotEmpty();
        assertThat(merged.failedTenths().size() % 10).isZero();
    }
}
