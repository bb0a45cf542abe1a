package aftershock.distributed;

import aftershock.recording.IntervalLog;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InjectorResultsTest {

    private static final Instant START = Instant.parse("2026-11-30T07:30:00Z");

    @TempDir
    Path run;

    @Test
    void anInjectorThatDiedMidRunIsNamedWithWhatItLostAndTheRunIsNeverMerged() {
        // Given injectors 0 and 1 that recorded 30 s and reported, and injector 2 killed after 12 s
        StartSignal signal = new StartSignal(run);
        recordSeconds(signal.folder(0), 30, 10);
        recordSeconds(signal.folder(1), 30, 10);
        recordSeconds(signal.folder(2), 12, 10);
        report(signal, 0, 12);
        report(signal, 1, 30);

        // When injector 0 gathers them, injector 2 having exited with code 137
        InjectorResults results = InjectorResults.collect(signal, 3, Map.of(1, 0, 2, 137), START);

        // Then injector 2 is named, with its exit and the seconds of load it did not send
        assertThat(results.complete()).isFalse();
        assertThat(results.lost()).singleElement().asString()
                .startsWith("injector 2 of 3 exited with code 137; its interval log ends at second 12.0 of 30.0 with"
                        + " 120 requests: its share of the load after second 12.0 is lost")
                .contains(signal.folder(2).resolve("console.log").toString());
        // And its part is never judged as the whole
        assertThatThrownBy(() -> results.merged(START, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never merged");
    }

    @Test
    void anInjectorThatWroteNothingLostItsWholeShare() {
        StartSignal signal = new StartSignal(run);
        recordSeconds(signal.folder(0), 5, 1);
        report(signal, 0, 3);

        InjectorResults results = InjectorResults.collect(signal, 2, Map.of(1, 1), START);

        assertThat(results.lost()).singleElement().asString()
                .startsWith("injector 1 of 2 exited with code 1; it wrote no interval log: its whole share of the load"
                        + " is missing");
    }

    @Test
    void injectorsThatAllReportedAreMergedWithTheirStartSkew() {
        StartSignal signal = new StartSignal(run);
        recordSeconds(signal.folder(0), 4, 5);
        recordSeconds(signal.folder(1), 4, 7);
        report(signal, 0, 3);
        report(signal, 1, 41);

        InjectorResults results = InjectorResults.collect(signal, 2, Map.of(1, 0), START);

        assertThat(results.complete()).isTrue();
        assertThat(results.startSkewMillis()).isEqualTo(38);
        assertThat(results.merged(START, 0).requestsPerLog()).containsExactly(20L, 28L);
    }

    /** An interval log of {@code seconds} one-second intervals of {@code perSecond} OK requests of "home". */
    private static void recordSeconds(Path folder, int seconds, int perSecond) {
        try (IntervalLog log = IntervalLog.create(folder.resolve(InjectorReport.INTERVAL_LOG), START)) {
            for (int s = 0; s < seconds; s++) {
                Histogram ok = new Histogram(3);
                for (int r = 0; r < perSecond; r++) {
                    ok.recordValue(10 + r);
                }
                log.interval(START.plusSeconds(s), START.plusSeconds(s + 1), "home", ok, new Histogram(3));
            }
        }
    }

    private static void report(StartSignal signal, int index, long lateMillis) {
        new InjectorReport(index, 3, START.toEpochMilli(), START.toEpochMilli() + lateMillis, true, "kept up", List.of())
                .write(signal.folder(index));
    }
}
