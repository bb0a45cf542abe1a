package aftershock.testing;

import aftershock.recording.IntervalLog;
import aftershock.recording.Recording;
import aftershock.recording.Ticker;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * An injector process reduced to its recording: from a common start instant it records a known set of samples
 * through {@link Recording}, its one-second {@link Ticker} and an {@link IntervalLog}, as a run's load does, then
 * exits. The same samples are regenerated in the test by {@link #samples}.
 *
 * <pre>
 *   java -cp ... aftershock.testing.RecordingInjector 1 target/merge/injector-1.hlog 1764487800000
 * </pre>
 */
public final class RecordingInjector {

    /** The request names recorded, one with a space as real names have. */
    public static final List<String> REQUESTS = List.of("GET /home", "login");
    /** Samples per request name and injector. */
    public static final int SAMPLES = 6_000;
    private static final Duration SPREAD_OVER = Duration.ofMillis(2_500);

    private RecordingInjector() {
    }

    /** One sample: a response time in milliseconds and whether it was OK. */
    public record Sample(String requestName, long responseMillis, boolean ok) {
    }

    /** The samples injector {@code index} records, the same in every process: a long tail, 5 % KO. */
    public static List<Sample> samples(int index) {
        SplittableRandom random = new SplittableRandom(17L + index);
        return java.util.stream.IntStream.range(0, SAMPLES * REQUESTS.size()).mapToObj(i -> {
            String name = REQUESTS.get(i % REQUESTS.size());
            long millis = random.nextDouble() < 0.02 ? 1_000 + random.nextInt(20_000) : 1 + random.nextInt(400 + 100 * index);
            return new Sample(name, millis, random.nextInt(100) >= 5);
        }).toList();
    }

    /** {@code index logFile startEpochMillis} */
    public static void main(String[] args) {
        int index = Integer.parseInt(args[0]);
        Path log = Path.of(args[1]);
        Instant start = Instant.ofEpochMilli(Long.parseLong(args[2]));
        while (Instant.now().isBefore(start)) {
            LockSupport.parkNanos(Duration.between(Instant.now(), start).toNanos());
        }
        Recording recording = new Recording(Clock.systemUTC());
        List<Sample> samples = samples(index);
        try (Ticker ticker = Ticker.start(recording, Duration.ofSeconds(1));
             IntervalLog intervalLog = IntervalLog.create(log, recording.loadStartedAt())) {
            recording.addListener(intervalLog);
            long pauseNanos = SPREAD_OVER.toNanos() / samples.size();
            for (Sample sample : samples) {
                recording.record(sample.requestName(), sample.responseMillis(), sample.ok());
                LockSupport.parkNanos(pauseNanos);
            }
            ticker.close();
        }
    }
}
