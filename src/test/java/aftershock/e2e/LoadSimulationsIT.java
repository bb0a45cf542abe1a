package aftershock.e2e;

import aftershock.verdict.Outcome;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import aftershock.verdict.Verdict;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real runs of the load simulations against the built-in target, time-scaled, through mvn gatling:test. */
class LoadSimulationsIT {

    @Test
    void aHealthySustainedLoadRunPassesWithPlausibleNumbers(@TempDir Path results) throws Exception {
        // 100 RPS for 10 min x 0.03 = 18 s: about 1800 requests.
        GatlingRun run = GatlingRun.of(results, "SustainedLoad", "scale=0.03");

        assertThat(run.exitCode).as(run.output).isZero();
        RunSummary summary = run.summary();
        RequestStats all = summary.requests().get(0);
        assertThat(all.name()).isEqualTo(Threshold.ALL_REQUESTS);
        assertThat(all.count()).isBetween(1620L, 1980L);
        assertThat(all.rps()).isBetween(85.0, 115.0);
        assertThat(all.p95Millis()).isLessThan(500);
        assertThat(summary.requests()).extracting(RequestStats::name)
                .contains("jwt status", "agents", "api keys", "health");
        assertThat(summary.thresholds()).hasSize(3).allMatch(t -> t.verdict() == Verdict.PASS);
        assertThat(summary.timeline()).hasSizeBetween(17, 20);
        // gatling:test forks the generator with pom.xml's generator.jit, and the run says so
        assertThat(summary.metadata().jvm()).endsWith(" (C1 only)");
        Path folder = run.runFolder().orElseThrow();
        assertThat(folder.resolve("index.html")).exists();
        assertThat(new HistogramLogReader(folder.resolve("requests.hlog").toFile()).nextIntervalHistogram()).isNotNull();
        assertThat(run.output).contains("aftershock: SustainedLoad PASS");
        assertThat(run.lastAftershockLine()).isEqualTo("aftershock: PASS");
    }

    @Test
    void aWarmUpIsRecordedAndShownButTheJudgedRunStartsAfterIt(@TempDir Path results) throws Exception {
        // 100 RPS is above a warm-up threshold lowered to 50: a 2 s ramp to 100 users/s (~100 requests), then 6 s
        // judged (~600).
        GatlingRun run = GatlingRun.of(results, "SustainedLoad", "scale=0.01",
                "aftershock.warm-up.above-users-per-second=50", "aftershock.warm-up.duration=2s");

        RunSummary summary = run.summary();
        assertThat(run.output).contains("aftershock: SustainedLoad warms up for 2.0 s first (open model peaking at"
                + " 100 users/s, more than 50): its requests are recorded, never judged");
        assertThat(summary.warmUp().seconds()).isEqualTo(2.0);
        assertThat(summary.warmUp().requests().get(0).count()).as(run.output).isBetween(40L, 150L);
        assertThat(summary.requests().get(0).count()).isBetween(500L, 700L);
        assertThat(summary.timeline()).hasSizeBetween(6, 8).first().extracting(point -> point.second()).isEqualTo(0L);
        assertThat(run.output).containsPattern("\n  warm-up 2\\.0 s, not judged .*: \\d+ requests");
        // the interval log keeps every request, the warm-up's too
        HistogramLogReader log = new HistogramLogReader(run.runFolder().orElseThrow().resolve("requests.hlog").toFile());
        long logged = 0;
        for (EncodableHistogram interval = log.nextIntervalHistogram(); interval != null; interval = log.nextIntervalHistogram()) {
            logged += ((Histogram) interval).getTotalCount();
        }
        assertThat(logged).isEqualTo(summary.warmUp().requests().get(0).count() + summary.requests().get(0).count());
    }

    @Test
    void anImpossiblyTightThresholdFailsTheRunButTheReportsAreStillWritten(@TempDir Path results) throws Exception {
        GatlingRun run = GatlingRun.of(results, "SustainedLoad", "scale=0.01",
                "aftershock.sustained-load.thresholds.p95=0ms");

        assertThat(run.exitCode).isNotZero();
        RunSummary summary = run.summary();
        assertThat(summary.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(GatlingRun.failing(summary)).containsExactly("P95 < 0 ms");
        assertThat(run.lastAftershockLine()).isEqualTo("aftershock: FAIL (1 of 3 thresholds)");
        assertThat(run.runFolder().orElseThrow().resolve("index.html")).exists();
    }

    @Test
    void spikeLoadJudgesTheReturnToBaselineAfterEachSpike(@TempDir Path results) throws Exception {
        // 50 RPS with two spikes to 500 RPS: 6 min x 0.05 = 18 s.
        GatlingRun run = GatlingRun.of(results, "SpikeLoad", "scale=0.05");

        RunSummary summary = run.summary();
        assertThat(summary.thresholds()).extracting(t -> t.threshold().name())
                .contains("P95 back to baseline after spike 1 <= +50 ms", "P95 back to baseline after spike 2 <= +50 ms");
        assertThat(GatlingRun.threshold(summary, "P95 back to baseline after spike 1").measured()).isNotNull();
        // The spikes are 10x the baseline rate: the busiest second must show it.
        long busiest = summary.timeline().stream().mapToLong(p -> p.count()).max().orElse(0);
        long quietest = summary.timeline().stream().skip(1).mapToLong(p -> p.count()).min().orElse(0);
        assertThat(busiest).isGreaterThan(4 * quietest);
        assertThat(run.exitCode == 0).isEqualTo(summary.verdict() != Verdict.FAIL);
    }

    @Test
    void jwtStressVerifiesEveryTokenAgainstTheJwksAndTheOidcFlavourWorks(@TempDir Path results) throws Exception {
        // 40 users: this checks that the OAuth2 grants and the JWKS verification work, not how fast this box is.
        GatlingRun run = GatlingRun.of(results, "JwtStress", "scale=0.05", "aftershock.target.auth.mode=oidc",
                "aftershock.jwt-stress.users=40");

        RunSummary summary = run.summary();
        assertThat(summary.requests()).extracting(RequestStats::name).contains("login", "verify token", "refresh");
        assertThat(summary.requests().get(0).ko()).as(run.output).isZero();
        RequestStats login = summary.requests().stream().filter(r -> r.name().equals("login")).findFirst().orElseThrow();
        RequestStats refresh = summary.requests().stream().filter(r -> r.name().equals("refresh")).findFirst().orElseThrow();
        assertThat(login.ok()).isPositive();
        assertThat(refresh.ok()).isEqualTo(login.ok());
    }

    @Test
    void failedLoginsAndRefreshesFailJwtStressOnTheirOwnStepWhileTheOverallRateHides(@TempDir Path logins,
                                                                                    @TempDir Path refreshes)
            throws Exception {
        // Given the built-in target failing one login in five, then one refresh in five
        GatlingRun loginFailures = GatlingRun.of(logins, "JwtStress", "scale=0.05", "aftershock.jwt-stress.users=40",
                "aftershock.built-in.defects=login-failures");
        GatlingRun refreshFailures = GatlingRun.of(refreshes, "JwtStress", "scale=0.05", "aftershock.jwt-stress.users=40",
                "aftershock.built-in.defects=refresh-failures");

        // Then each run FAILs on its own step's error rate, not the other step's, while the overall rate stays under 5 %
        assertThat(loginFailures.exitCode).as(loginFailures.output).isNotZero();
        RunSummary login = loginFailures.summary();
        // (login P95 is not asserted: a cold JVM on a busy 2-core box can miss it at this scale)
        assertThat(GatlingRun.failing(login)).contains("error rate of login < 1 %")
                .doesNotContain("error rate < 5 %", "error rate of refresh < 1 %");
        assertThat(GatlingRun.threshold(login, "error rate of login").measured()).isBetween(15.0, 25.0);
        assertThat(refreshFailures.exitCode).as(refreshFailures.output).isNotZero();
        RunSummary refresh = refreshFailures.summary();
        assertThat(GatlingRun.failing(refresh)).contains("error rate of refresh < 1 %")
                .doesNotContain("error rate < 5 %", "error rate of login < 1 %");
        assertThat(GatlingRun.threshold(refresh, "error rate of refresh").measured()).isBetween(15.0, 25.0);
    }

    @Test
    void tokensThatDoNotVerifyAreErrorsNeverPasses(@TempDir Path results) throws Exception {
        // The target signs for issuer "aftershock-target": demanding another issuer makes every token invalid.
        GatlingRun run = GatlingRun.of(results, "JwtStress", "scale=0.02", "aftershock.jwt-stress.issuer=someone-else");

        assertThat(run.exitCode).isNotZero();
        RunSummary summary = run.summary();
        RequestStats login = summary.requests().stream().filter(r -> r.name().equals("login")).findFirst().orElseThrow();
        assertThat(login.ko()).isEqualTo(login.count()).isPositive();
        assertThat(GatlingRun.failing(summary)).contains("error rate < 5 %");
    }

    @Test
    void badInputIsOneLineAndNoLoadIsSent(@TempDir Path results) throws Exception {
        GatlingRun unreachable = GatlingRun.of(results.resolve("unreachable"), "SustainedLoad", "aftershock.target.base-url=http://127.0.0.1:9");
        GatlingRun unknown = GatlingRun.of(results.resolve("unknown"), "NoSuchSimulation");
        GatlingRun malformed = GatlingRun.of(results.resolve("malformed"), "SpikeLoad", "aftershock.spike-load.spike-rate=lots");
        GatlingRun negative = GatlingRun.of(results.resolve("negative"), "SustainedLoad", "aftershock.sustained-load.rate=-5");
        GatlingRun noProbes = GatlingRun.of(results.resolve("no-probes"), "RedisOutage", "aftershock.probes.consecutive-ok=0");

        assertThat(unreachable.exitCode).isNotZero();
        assertThat(unreachable.lastAftershockLine())
                .startsWith("aftershock: bad input: target http://127.0.0.1:9/ did not answer /health (connection refused)");
        // Refused in Maven, after compiling and before any simulation JVM starts: one line, and nothing written.
        assertThat(unknown.exitCode).isNotZero();
        // The choices are the simulations found in the compiled classes, not a list kept by hand.
        assertThat(unknown.output).contains("aftershock: unknown simulation 'NoSuchSimulation'. Choose one of: "
                + "AgentReconnect|CartUnderRedisOutage|JwtStress|LeaderFailover|PodKill|RedisOutage|SentinelFailover|SessionSurvival|SpikeLoad|SustainedLoad");
        assertThat(unknown.outcome()).isEmpty();
        assertThat(malformed.exitCode).isNotZero();
        assertThat(malformed.lastAftershockLine()).startsWith("aftershock: bad input: bad configuration:").contains("spike-rate");
        // Read while the simulation builds its plan: still one line, not a Gatling crash.
        assertThat(negative.exitCode).isNotZero();
        assertThat(negative.lastAftershockLine())
                .isEqualTo("aftershock: bad input: aftershock.sustained-load.rate must be a positive number, found -5");
        assertThat(negative.output).doesNotContain("Run crashed").doesNotContain("at aftershock.");
        // Read by the run's chaos timeline, not through a simulation's section: refused the same way.
        assertThat(noProbes.exitCode).isNotZero();
        assertThat(noProbes.lastAftershockLine())
                .isEqualTo("aftershock: bad input: aftershock.probes.consecutive-ok must be a positive number, found 0");
        assertThat(noProbes.output).doesNotContain("Run crashed");

        for (GatlingRun refused : List.of(unreachable, malformed, negative, noProbes)) {
            // outcome.json says bad input, exit code 2 in the table; no Gatling run folder means no load was sent.
            assertThat(refused.outcome()).as(refused.output).hasValueSatisfying(outcome -> {
                assertThat(outcome.kind()).isEqualTo(Outcome.Kind.BAD_INPUT);
                assertThat(outcome.exitCode()).isEqualTo(2);
            });
            assertThat(refused.runFolder()).as(refused.output).isEmpty();
        }
    }
}
