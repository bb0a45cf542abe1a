package aftershock.verdict;

import aftershock.verdict.GeneratorHealth.Guard;
import aftershock.verdict.GeneratorHealth.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorHealthTest {

    /** Stricter lateness than the default, so the recorded samples below stay small: 100 ms, 1 %, 5 s start-up. */
    private static final GeneratorLimits LIMITS = new GeneratorLimits(java.time.Duration.ofMillis(100), 1, 0,
            java.time.Duration.ofSeconds(1), 90, 95, 0, java.time.Duration.ofSeconds(5));

    @Test
    void aGeneratorThatKeptUpHoldsEveryGuard() {
        // Given ten quiet seconds at 1,000 requests/s, the probe never more than 2 ms late
        GeneratorRecord record = new GeneratorRecord(seconds(10, 1000, 0, 0, 200), probes(10, 2),
                plan(10, 1000), Map.of());

        // When
        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        // Then
        assertThat(health.keptUp()).isTrue();
        assertThat(health.guards()).extracting(Guard::status).containsOnly(Status.HELD);
        assertThat(health.figures().arrivals()).isEqualTo(10_000);
        assertThat(health.figures().latePercent()).isZero();
    }

    @Test
    void anotherInjectorThatFellBehindMakesTheMergedRunsGeneratorNotKeptUp() {
        // Given injector 0 kept up, and injector 2 reports that its scheduler fell behind
        GeneratorHealth own = GeneratorHealth.judge(new GeneratorRecord(seconds(10, 1000, 0, 0, 200), probes(10, 2),
                plan(10, 1000), Map.of()), LIMITS);
        Guard injectorTwo = new Guard("generator of injector 2 of 3 kept up", Status.TRIPPED, "12 % of requests late");

        // When
        GeneratorHealth merged = own.withGuard(injectorTwo);

        // Then the merged run is not judged, and says which injector fell behind
        assertThat(own.keptUp()).isTrue();
        assertThat(merged.keptUp()).isFalse();
        assertThat(merged.reason()).isEqualTo("generator of injector 2 of 3 kept up, measured 12 % of requests late");
        assertThat(own.withGuard(new Guard("generator of injector 1 of 3 kept up", Status.HELD, "0 % late")).keptUp())
                .isTrue();
    }

    @Test
    void aSchedulerThatFellBehindTripsTheLatenessGuard() {
        // Given a probe that woke 600 ms late once in second 7: 500 ms of that second were over the 100 ms limit
        List<GeneratorRecord.Probe> probes = new ArrayList<>(probes(10, 2));
        probes.add(new GeneratorRecord.Probe(7_900, 600));
        GeneratorRecord record = new GeneratorRecord(seconds(10, 1000, 0, 0, 200), probes, plan(10, 1000), Map.of());

        // When
        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        // Then 500 of the 5,000 requests after the 5 s start-up count as late: 10 %, over the 1 % limit
        assertThat(health.keptUp()).isFalse();
        assertThat(guard(health, "late").status()).isEqualTo(Status.TRIPPED);
        assertThat(health.figures().lateRequests()).isEqualTo(500);
        assertThat(health.reason()).startsWith(
                "requests sent over 100 ms late < 1 %, measured 10 % (500 of 5000 from second 5; the scheduler fell up to 600 ms behind");
    }

    @Test
    void lateStartUpSecondsOfAFreshJvmAreReportedButNotJudged() {
        // Given a cold start like the one measured at 500 req/s: the scheduler 750 ms behind in second 1 (the first
        // user arrived in second 0), on time from second 4 on
        List<GeneratorRecord.Probe> probes = new ArrayList<>(probes(12, 2));
        probes.add(new GeneratorRecord.Probe(1_900, 750));
        probes.add(new GeneratorRecord.Probe(2_900, 370));
        GeneratorRecord record = new GeneratorRecord(seconds(12, 500, 0, 0, 2000), probes, plan(12, 500), Map.of());

        // When
        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        // Then the start-up's late requests are in the figures and the per-second lines, and the run is judged
        assertThat(health.keptUp()).isTrue();
        assertThat(health.figures().judgedFromSecond()).isEqualTo(5);
        assertThat(health.figures().startUpLateRequests()).isEqualTo(325 + 135);
        assertThat(health.seconds().get(1).lateRequests()).isEqualTo(325);
        assertThat(guard(health, "late").measured())
                .isEqualTo("0 % (0 of 3500 from second 5; the scheduler fell up to 2 ms behind; 460 late before second 5 (start-up), not judged)");
    }

    @Test
    void theSameLatenessAfterTheStartUpGraceTripsTheGuard() {
        // Given the same 750 ms stall, in second 6 instead of second 1
        List<GeneratorRecord.Probe> probes = new ArrayList<>(probes(12, 2));
        probes.add(new GeneratorRecord.Probe(6_900, 750));
        GeneratorRecord record = new GeneratorRecord(seconds(12, 500, 0, 0, 2000), probes, plan(12, 500), Map.of());

        // When
        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        // Then 325 of 3,500 judged requests were late: 9.29 %
        assertThat(health.keptUp()).isFalse();
        assertThat(guard(health, "late").measured()).startsWith("9.29 % (325 of 3500 from second 5");
    }

    @Test
    void lateRequestsOfTheWarmUpAreNotJudged() {
        // Given a 10 s warm-up, the generator 600 ms behind in second 8
        List<GeneratorRecord.Probe> probes = new ArrayList<>(probes(20, 2));
        probes.add(new GeneratorRecord.Probe(8_900, 600));
        GeneratorRecord record = new GeneratorRecord(seconds(20, 1000, 0, 0, 2000), probes, plan(20, 1000), Map.of(),
                java.time.Duration.ofSeconds(10));

        // When
        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        // Then lateness is judged from second 10, the end of the warm-up, like every threshold
        assertThat(health.keptUp()).isTrue();
        assertThat(health.figures().judgedFromSecond()).isEqualTo(10);
        assertThat(health.figures().startUpLateRequests()).isEqualTo(500);
    }

    @Test
    void aLoadNoLongerThanItsStartUpIsNotMeasuredForLateness() {
        // Given 4 seconds of load, all late
        GeneratorRecord record = new GeneratorRecord(seconds(4, 100, 0, 0, 2000), probes(4, 500), plan(4, 100),
                Map.of());

        // When
        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        // Then
        assertThat(guard(health, "late").status()).isEqualTo(Status.NOT_MEASURED);
        assertThat(guard(health, "late").measured()).startsWith("not measured: the load ended within its warm-up"
                + " and the 5 s start-up grace");
    }

    @Test
    void aLongGcPauseTripsTheGcGuard() {
        // Given one second with a 1.2 s pause
        List<GeneratorRecord.Second> seconds = new ArrayList<>(seconds(10, 1000, 0, 0, 200));
        seconds.set(3, new GeneratorRecord.Second(3, 1000, 1000, 1200, 1200, 50, 200, 20_000));
        GeneratorRecord record = new GeneratorRecord(seconds, probes(10, 2), plan(10, 1000), Map.of());

        // When
        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        // Then
        assertThat(guard(health, "GC").status()).isEqualTo(Status.TRIPPED);
        assertThat(guard(health, "GC").measured()).isEqualTo("1200 ms");
        assertThat(health.keptUp()).isFalse();
    }

    @Test
    void descriptorsNearTheLimitTripTheDescriptorGuard() {
        // Given a peak of 250 open descriptors under a limit of 256
        GeneratorRecord record = new GeneratorRecord(seconds(10, 1000, 0, 250, 256), probes(10, 2), plan(10, 1000),
                Map.of());

        // When
        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        // Then
        assertThat(guard(health, "descriptors").status()).isEqualTo(Status.TRIPPED);
        assertThat(guard(health, "descriptors").measured()).isEqualTo("97.66 % (peak 250 of 256)");
    }

    @Test
    void requestsThatFailedOnTheGeneratorsSideTripTheErrorGuard() {
        GeneratorRecord record = new GeneratorRecord(seconds(10, 1000, 0, 0, 200), probes(10, 2), plan(10, 1000),
                Map.of(GeneratorError.DESCRIPTORS_EXHAUSTED, 77L));

        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        assertThat(guard(health, "generator errors").status()).isEqualTo(Status.TRIPPED);
        assertThat(guard(health, "generator errors").measured()).isEqualTo("77 (77 out of file descriptors)");
    }

    @Test
    void usersArrivingAfterThePlannedSpanTripTheArrivalGuard() {
        // Given a plan of 1,000 users/s for 10 s, and a generator that needed 20 s to start them
        GeneratorRecord record = new GeneratorRecord(seconds(20, 500, 0, 0, 200), probes(20, 2), plan(10, 1000),
                Map.of());

        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        // Then only the first 11 s (the plan and one second of grace) count: 5,500 of 10,000
        assertThat(guard(health, "arriving").status()).isEqualTo(Status.TRIPPED);
        assertThat(guard(health, "arriving").measured()).isEqualTo("55 % (5500 of 10000)");
    }

    @Test
    void whatCouldNotBeMeasuredIsSaidSoAndTripsNothing() {
        // Given a closed model (no planned arrival rate), no probe, and a platform without descriptor counts
        GeneratorRecord record = new GeneratorRecord(seconds(5, 100, 0, -1, -1), List.of(), null, Map.of());

        GeneratorHealth health = GeneratorHealth.judge(record, LIMITS);

        assertThat(health.keptUp()).isTrue();
        assertThat(guard(health, "late").measured()).startsWith("not measured");
        assertThat(guard(health, "descriptors").status()).isEqualTo(Status.NOT_MEASURED);
        assertThat(guard(health, "arriving").status()).isEqualTo(Status.NOT_MEASURED);
    }

    @Test
    void anInvalidRunsOutcomeNamesTheTrippedGuard() {
        GeneratorHealth health = GeneratorHealth.judge(new GeneratorRecord(seconds(10, 1000, 0, 0, 200),
                probes(10, 2), plan(10, 1000), Map.of(GeneratorError.LOCAL_PORTS_EXHAUSTED, 3L)), LIMITS);
        RunSummary summary = aftershock.testing.SummaryFixtures.loadRun("SustainedLoad", 100, 10, 0).withGenerator(health);

        Outcome outcome = Outcome.of(summary);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.INVALID);
        assertThat(outcome.line()).isEqualTo("INVALID (generator overloaded: generator errors <= 0, measured 3 (3 out of local ports))");
    }

    private static Guard guard(GeneratorHealth health, String part) {
        return health.guards().stream().filter(g -> g.name().contains(part)).findFirst().orElseThrow();
    }

    private static List<GeneratorRecord.Second> seconds(int count, long perSecond, long gcMillis, long open, long max) {
        List<GeneratorRecord.Second> seconds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seconds.add(new GeneratorRecord.Second(i, perSecond, perSecond, gcMillis, gcMillis, 50, open, max));
        }
        return seconds;
    }

    private static List<GeneratorRecord.Probe> probes(int seconds, long latenessMillis) {
        List<GeneratorRecord.Probe> probes = new ArrayList<>();
        for (long at = 10; at < seconds * 1000L; at += 10) {
            probes.add(new GeneratorRecord.Probe(at, latenessMillis));
        }
        return probes;
    }

    private static List<Double> plan(int seconds, double usersPerSecond) {
        return Collections.nCopies(seconds, usersPerSecond);
    }
}
