package aftershock.distributed;

import aftershock.recording.RequestTag;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class HistogramMergeTest {

    private static final List<String> REQUESTS = List.of("GET /home", "POST /login, then /cart");
    private static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.9, 99.99, 100};

    @TempDir
    Path directory;

    @Test
    void fourMergedLogsGiveExactlyThePercentilesOfOneHistogramOfAllValues() throws IOException {
        // Given four injectors logging intervals per request, and one histogram per request of every value
        Random random = new Random(20261122L);
        Map<String, Histogram> everyValue = new TreeMap<>();
        REQUESTS.forEach(request -> everyValue.put(request, new Histogram(3)));
        List<Path> logs = new ArrayList<>();
        for (int injector = 0; injector < 4; injector++) {
            logs.add(writeInjectorLog(injector, random, everyValue));
        }

        // When
        SortedMap<String, Histogram> merged = HistogramMerge.byRequest(logs);

        // Then
        assertThat(merged).containsOnlyKeys(REQUESTS);
        for (String request : REQUESTS) {
            Histogram expected = everyValue.get(request);
            Histogram actual = merged.get(request);
            assertThat(actual.getTotalCount()).isEqualTo(expected.getTotalCount()).isEqualTo(4 * 5 * 2_000);
            for (double percentile : PERCENTILES) {
                assertThat(actual.getValueAtPercentile(percentile))
                        .as("%s p%s", request, percentile)
                        .isEqualTo(expected.getValueAtPercentile(percentile));
            }
            assertThat(actual.getMean()).isEqualTo(expected.getMean());
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void mergedHistogramSpansTheEarliestStartToTheLatestEnd() throws IOException {
        // Given
        Path early = writeOneInterval("early.hlog", 1_000_000L, 1_010_000L);
        Path late = writeOneInterval("late.hlog", 1_005_000L, 1_020_000L);

        // When
        Histogram merged = HistogramMerge.byRequest(List.of(early, late)).get("GET /home");

        // Then
        assertThat(merged.getStartTimeStamp()).isEqualTo(1_000_000L);
        assertThat(merged.getEndTimeStamp()).isEqualTo(1_020_000L);
    }

    private Path writeInjectorLog(int injector, Random random, Map<String, Histogram> everyValue) throws IOException {
        Path log = directory.resolve("injector-" + injector + ".hlog");
        HistogramLogWriter writer = new HistogramLogWriter(log.toFile());
        long startMillis = 1_763_800_000_000L;
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
        for (int interval = 0; interval < 5; interval++) {
            for (String request : REQUESTS) {
                Histogram histogram = new Histogram(3);
                for (int i = 0; i < 2_000; i++) {
                    // Log-normal-ish latencies in microseconds, 1 us to about a minute.
                    long latencyMicros = Math.min(60_000_000L, 1 + (long) Math.exp(6 + 2.5 * random.nextGaussian()));
                    histogram.recordValue(latencyMicros);
                    everyValue.get(request).recordValue(latencyMicros);
                }
                histogram.setTag(RequestTag.encode(request));
                histogram.setStartTimeStamp(startMillis + interval * 1_000L);
                histogram.setEndTimeStamp(startMillis + (interval + 1) * 1_000L);
                writer.outputIntervalHistogram(histogram);
            }
        }
        writer.close();
        return log;
    }

    private Path writeOneInterval(String fileName, long startMillis, long endMillis) throws IOException {
        Path log = directory.resolve(fileName);
        HistogramLogWriter writer = new HistogramLogWriter(log.toFile());
        writer.outputStartTime(startMillis);
        Histogram histogram = new Histogram(3);
        histogram.recordValue(1_234);
        histogram.setTag(RequestTag.encode("GET /home"));
        histogram.setStartTimeStamp(startMillis);
        histogram.setEndTimeStamp(endMillis);
        writer.outputIntervalHistogram(histogram);
        writer.close();
        return log;
    }
}
