package aftershock.e2e;

import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lost data is really looked for: each data check PASSes on the clean built-in target and FAILs, on the threshold
 * that names it, with the planted defect that loses, hides or forgets data. Real processes, really killed; every run
 * scaled down to a few seconds of load.
 */
class LostDataIT {

    private static final String OUTAGE_SCALE = "scale=0.1";
    private static final String SCALE = "scale=0.2";
    private static final String CACHE = "aftershock.integrity.expect=cache";
    private static final String REPLACE = "aftershock.redis-outage.fault=redis-replace";
    private static final String LAG = "aftershock.sentinel-failover.lag-before-kill=900ms";

    @Test
    void aDurableRedisOutageFailsOnTheValuesARedisWithoutPersistenceLostAndACacheOnlyReportsThem(
            @TempDir Path durable, @TempDir Path cache) throws Exception {
        // The clean durable run is ResilienceSimulationsIT's RedisOutage PASS, which now reads the values back too.
        GatlingRun lossy = GatlingRun.of(durable, "RedisOutage", OUTAGE_SCALE, "aftershock.built-in.defects=redis-no-persistence");
        GatlingRun lossyCache = GatlingRun.of(cache, "RedisOutage", OUTAGE_SCALE, CACHE,
                "aftershock.built-in.defects=redis-no-persistence");

        RunSummary failed = lossy.summary();
        assertThat(lossy.exitCode).isNotZero();
        assertThat(GatlingRun.failing(failed)).containsExactly("values lost across redis-kill (durable) <= 0");
        assertThat(failed.integrity().acknowledged()).isEqualTo(100);
        assertThat(failed.integrity().lost()).isEqualTo(100);

        RunSummary reported = lossyCache.summary();
        assertThat(lossyCache.exitCode).as(lossyCache.output).isZero();
        assertThat(reported.verdict()).isEqualTo(Verdict.PASS);
        assertThat(reported.integrity().lost()).isEqualTo(100);
        assertThat(GatlingRun.threshold(reported, "agent registry re-created").note())
                .isEqualTo("integrity.expect = cache: 100 of 100 acknowledged values lost and 0 stale, reported, not judged");
        assertThat(reported.thresholds()).noneMatch(t -> t.threshold().name().startsWith("values lost"));
    }

    @Test
    void aRedisThatComesBackEmptyNeedsTheRegistryRecreatedAndFailsWhenTheReplicasNeverRegisterAgain(
            @TempDir Path clean, @TempDir Path broken) throws Exception {
        GatlingRun healthy = GatlingRun.of(clean, "RedisOutage", OUTAGE_SCALE, CACHE, REPLACE);
        GatlingRun noRebuild = GatlingRun.of(broken, "RedisOutage", OUTAGE_SCALE, CACHE, REPLACE,
                "aftershock.built-in.defects=no-registry-rebuild");

        RunSummary good = healthy.summary();
        assertThat(healthy.exitCode).as(healthy.output).isZero();
        assertThat(good.faults()).singleElement().satisfies(fault -> assertThat(fault.fault()).isEqualTo("redis-replace"));
        assertThat(good.integrity().lost()).as("redis-replace brings Redis back empty").isEqualTo(100);

        RunSummary bad = noRebuild.summary();
        assertThat(noRebuild.exitCode).isNotZero();
        assertThat(GatlingRun.failing(bad)).containsExactly("agent registry re-created");
    }

    @Test
    void theRestartedReplicaMustServeTheSameSessionsAndFailsWhenItNoLongerReadsThemFromRedis(@TempDir Path broken)
            throws Exception {
        // The clean run is ResilienceSimulationsIT's SessionSurvival PASS, which now reads through the restarted replica too.
        GatlingRun noRestore = GatlingRun.of(broken, "SessionSurvival", SCALE, "aftershock.built-in.defects=no-session-restore",
                "aftershock.session-survival.thresholds.valid-percent=99.5");

        RunSummary bad = noRestore.summary();
        assertThat(noRestore.exitCode).isNotZero();
        assertThat(GatlingRun.failing(bad)).containsExactly("sessions lost on the restarted replica <= 0");
        assertThat(bad.integrity().lost()).as("the other replica still reads them from Redis").isZero();
        assertThat(GatlingRun.threshold(bad, "sessions still valid on another replica").threshold().name())
                .as("the name follows the configured limit").isEqualTo("sessions still valid on another replica % >= 99.5");
    }

    @Test
    void writesAcknowledgedWithoutAReplicaAreLostWhenTheFailoverWindowIsOpenAndNoneAreLostWithWait(
            @TempDir Path clean, @TempDir Path broken) throws Exception {
        GatlingRun healthy = GatlingRun.of(clean, "SentinelFailover", SCALE, LAG);
        GatlingRun lossy = GatlingRun.of(broken, "SentinelFailover", SCALE, LAG, "aftershock.built-in.defects=lossy-failover");

        RunSummary good = healthy.summary();
        assertThat(healthy.exitCode).as(healthy.output).isZero();
        assertThat(good.integrity().acknowledged()).isGreaterThan(50);
        assertThat(good.integrity().lost()).isZero();
        assertThat(healthy.output).contains("DEBUG SLEEP 900 ms on the replica, then SIGKILL");

        RunSummary bad = lossy.summary();
        assertThat(lossy.exitCode).isNotZero();
        assertThat(GatlingRun.failing(bad)).containsExactly("lost writes <= 0");
        assertThat(bad.integrity().lost()).isPositive();
    }

    @Test
    void aReplicaServingACachedValueAfterANewerWriteFailsOnStaleReads(@TempDir Path broken) throws Exception {
        // The clean run is the test above (and ResilienceSimulationsIT's SentinelFailover): no stale read.
        GatlingRun stale = GatlingRun.of(broken, "SentinelFailover", SCALE, "aftershock.built-in.defects=stale-reads");

        RunSummary bad = stale.summary();
        assertThat(stale.exitCode).isNotZero();
        assertThat(GatlingRun.failing(bad)).containsExactly("stale reads <= 0");
        assertThat(bad.integrity().stale()).isPositive();
    }
}
