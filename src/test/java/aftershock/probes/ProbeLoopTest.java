package aftershock.probes;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProbeLoopTest {

    @Test
    void probesAreSentEveryIntervalWhileEarlierOnesStillHang() {
        // Given a probe that hangs for 600 ms every time
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        Probe hanging = Probes.of("hangs 600 ms", () -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.decrementAndGet();
            }
            return true;
        });

        // When it is probed every 100 ms with a 1 s timeout
        try (ProbeLoop loop = ProbeLoop.start(hanging, Duration.ofMillis(100), Duration.ofSeconds(1), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.samples().size() >= 10);

            // Then probes overlap, and their send times are about one interval apart, not one hang apart
            List<ProbeSample> samples = loop.samples();
            assertThat(maxConcurrent.get()).isGreaterThan(1);
            Duration firstTen = Duration.between(samples.get(0).sentAt(), samples.get(9).sentAt());
            assertThat(firstTen).isLessThan(Duration.ofMillis(9 * 300));
            assertThat(samples).allSatisfy(s -> assertThat(s.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(590)));
        }
    }

    @Test
    void aProbeAnsweringAfterTheTimeoutCountsAsFailed() {
        // Given a probe that answers OK, but only after 300 ms
        Probe slow = Probes.of("OK after 300 ms", () -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        });

        // When the timeout is 100 ms
        try (ProbeLoop loop = ProbeLoop.start(slow, Duration.ofMillis(50), Duration.ofMillis(100), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.samples().size() >= 3);

            // Then every sample is a failure
            assertThat(loop.samples()).extracting(ProbeSample::ok).containsOnly(false);
        }
    }

    @Test
    void inFlightProbesAreBoundedWhenAProbeIgnoresTheTimeout() throws InterruptedException {
        // Given a probe that never answers until released
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Probe stuck = Probes.of("stuck", () -> {
            started.incrementAndGet();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        // When it is probed every 20 ms with a 100 ms timeout (bound: 100 / 20 + 2 = 7)
        try (ProbeLoop loop = ProbeLoop.start(stuck, Duration.ofMillis(20), Duration.ofMillis(100), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.skipped() >= 5);

            // Then no more than the bound were sent, and nothing is read past the oldest unanswered probe
            assertThat(started.get()).isEqualTo(7);
            assertThat(loop.samples()).isEmpty();
            release.countDown();
        }
    }

    @Test
    void endpointsAreProbedInParallel() {
        // Given three endpoints that each take 400 ms
        Probe slow = Probes.of("400 ms", () -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        });
        Probe all = Probes.forAll(List.of(slow, slow, slow));

        // When all three are asked at once
        long start = System.nanoTime();
        boolean ok = all.check();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Then the answer takes one endpoint's time, not three
        assertThat(ok).isTrue();
        assertThat(took).isLessThan(Duration.ofMillis(1000));
    }
}
