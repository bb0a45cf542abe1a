package aftershock.e2e;

import aftershock.verdict.FaultWindow;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * aftershock.platform = command, configured as a user would for their own stack: RedisOutage kills the built-in
 * target's Redis by its pid file and starts it again from its redis.conf, in cookie mode, where each value is
 * written in a session of its own. A docker compose user writes the same keys with docker compose commands.
 */
class CommandFaultsIT {

    private static final String[] COOKIE_SESSIONS_WITH_OWN_COMMANDS = {
            "scale=0.1",
            "aftershock.target.auth.mode=cookie",
            "aftershock.target.auth.cookie.csrf-cookie=XSRF-TOKEN",
            "aftershock.platform=command",
            "aftershock.command.redis-kill.inject=kill -9 $(cat target/aftershock/redis.pid)",
            "aftershock.command.redis-kill.check=! kill -0 $(cat target/aftershock/redis.pid) 2>/dev/null",
            "aftershock.command.redis-kill.restore=target/aftershock/redis-server target/aftershock/redis.conf",
            "aftershock.integrity.writes=30",
            // With sessions in Redis only unauthenticated requests (health, a fifth of the mix) can succeed meanwhile.
            "aftershock.redis-outage.thresholds.success-rate-during-percent=10"};

    @Test
    void sessionsInARedisWithAnAppendOnlyFileSurviveItsKillByTheUsersOwnCommands(@TempDir Path results) throws Exception {
        // When
        GatlingRun run = GatlingRun.of(results, "RedisOutage", COOKIE_SESSIONS_WITH_OWN_COMMANDS);

        // Then
        RunSummary summary = run.summary();
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(summary.verdict()).isEqualTo(Verdict.PASS);
        assertThat(summary.integrity().acknowledged()).isEqualTo(30);
        assertThat(summary.integrity().present()).isEqualTo(30);
        assertThat(summary.integrity().readVia()).endsWith("each value in a session of its own, read with its cookie");
        FaultWindow redisKill = summary.faults().get(0);
        assertThat(redisKill.target()).isEqualTo("run `kill -9 $(cat target/aftershock/redis.pid)`, restore with"
                + " `target/aftershock/redis-server target/aftershock/redis.conf`, evidence from"
                + " `! kill -0 $(cat target/aftershock/redis.pid) 2>/dev/null`");
        assertThat(redisKill.evidence()).startsWith("injected: `kill -9 $(cat target/aftershock/redis.pid)` exited 0")
                .contains("; check `! kill -0", "restored: `target/aftershock/redis-server");
        assertThat(redisKill.failure()).isNull();
    }

    @Test
    void sessionsInARedisWithoutPersistenceAreLostAndAHealthThatHangsMeanwhileCountsAsDown(@TempDir Path results)
            throws Exception {
        // Given a Redis without persistence, and replicas whose /health and /ready hang while it is down
        Instant started = Instant.now();
        String[] properties = Stream.concat(Stream.of(COOKIE_SESSIONS_WITH_OWN_COMMANDS),
                Stream.of("aftershock.built-in.defects=redis-no-persistence,hanging-health")).toArray(String[]::new);

        // When
        GatlingRun run = GatlingRun.of(results, "RedisOutage", properties);

        // Then the run FAILs on the sessions Redis lost, every one of them
        RunSummary summary = run.summary();
        assertThat(run.exitCode).isNotZero();
        assertThat(GatlingRun.failing(summary)).contains("values lost across redis-kill (durable) <= 0");
        assertThat(summary.integrity().acknowledged()).isEqualTo(30);
        assertThat(summary.integrity().lost()).isEqualTo(30);
        // And the hung probes counted as down (after probes.timeout each) until Redis was back: down for the whole
        // 6 s outage, recovered once the restore command ran, never stuck on a probe that did not answer
        FaultWindow redisKill = summary.faults().get(0);
        assertThat(redisKill.failure()).isNull();
        assertThat(redisKill.maxDowntimeSeconds()).isGreaterThanOrEqualTo(5.5);
        assertThat(redisKill.recoverySeconds()).isNotNull().isLessThan(5.0);
        assertThat(heldRequestLines(started)).as("the replicas' logs").isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches(".*Redis is back, answering [1-9][0-9]* held /health and /ready requests"));
    }

    private static List<String> heldRequestLines(Instant since) throws IOException {
        try (Stream<Path> runs = Files.list(Path.of("target", "aftershock", "runs"))) {
            List<Path> logs = runs.filter(dir -> modifiedAfter(dir, since))
                    .flatMap(dir -> Stream.of(dir.resolve("replica-0.log"), dir.resolve("replica-1.log")))
                    .filter(Files::isRegularFile).toList();
            return logs.stream().flatMap(CommandFaultsIT::lines).filter(line -> line.contains("held /health and /ready")).toList();
        }
    }

    private static boolean modifiedAfter(Path dir, Instant since) {
        try {
            return Files.getLastModifiedTime(dir).compareTo(FileTime.from(since)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Stream<String> lines(Path log) {
        try {
            return Files.readAllLines(log).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
