package aftershock.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import aftershock.redis.Persistence;
import aftershock.redis.RedisProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

class LeaderElectionTest {

    private static final LeaderElection.Timing FAST = new LeaderElection.Timing(Duration.ofMillis(400), Duration.ofMillis(50),
            Duration.ofMillis(100));

    @TempDir
    static Path dir;

    private static RedisProcess redisProcess;
    private static RedisClient redis;

    @BeforeAll
    static void startRedis() {
        redisProcess = RedisProcess.standalone(0, dir, Persistence.NONE, ProcessKiller.sigkill(),
                new LeftoverProcesses(dir.resolve("processes.json"), ProcessKiller.sigkill())).start();
        redis = RedisClient.builder().hostAndPort(redisProcess.address()).build();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        redisProcess.stop();
    }

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
    }

    private static LeaderElection replica(String id, boolean splitBrain, boolean noTakeover) {
        return new LeaderElection(redis, id + "@1", id, FAST, splitBrain, noTakeover, System::nanoTime);
    }

    private static List<JsonNode> runs() {
        return redis.lrange(LeaderElection.RUNS_KEY, 0, -1).stream().map(run -> {
            try {
                return JsonHttp.JSON.readTree(run);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static List<String> runHolders() {
        return runs().stream().map(run -> run.path("holder").asText()).toList();
    }

    private static void tickUntilLeading(LeaderElection follower) {
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
            follower.tick();
            return follower.leading();
        });
    }

    @Test
    void onlyTheFirstReplicaToAskLeadsAndItsJobRunIsRecordedWithItsTerm() {
        // Given two replicas
        LeaderElection first = replica("replica-0", false, false);
        LeaderElection second = replica("replica-1", false, false);

        // When both take part in an election round
        first.tick();
        second.tick();

        // Then the first leads, the second follows, and one run of the job is recorded by the first
        assertThat(first.leading()).isTrue();
        assertThat(second.leading()).isFalse();
        assertThat(redis.get(LeaderElection.LEASE_KEY)).isEqualTo("replica-0@1");
        assertThat(runs()).singleElement().satisfies(run -> {
            assertThat(run.path("holder").asText()).isEqualTo("replica-0@1");
            assertThat(run.path("replica").asText()).isEqualTo("replica-0");
            assertThat(run.path("term").asLong()).isEqualTo(first.term());
            assertThat(run.path("at").asText()).isNotBlank();
        });
    }

    @Test
    void aFollowerTakesTheLeaseOnceTheLeaderStopsRenewingItAndRunsTheJobInANewTerm() {
        // Given a leader and a follower
        LeaderElection leader = replica("replica-0", false, false);
        LeaderElection follower = replica("replica-1", false, false);
        leader.tick();
        follower.tick();

        // When the leader stops (it never ticks again) and the follower keeps asking
        tickUntilLeading(follower);

        // Then the follower holds the lease in a later term and its run is recorded after the leader's
        assertThat(redis.get(LeaderElection.LEASE_KEY)).isEqualTo("replica-1@1");
        assertThat(follower.term()).isGreaterThan(leader.term());
        assertThat(runHolders()).containsExactly("replica-0@1", "replica-1@1");
    }

    @Test
    void aLeaderPausedPastItsLeaseStepsDownOnResumingWithoutRunningTheJob() {
        // Given a leader paused (no ticks) until a follower took its lease
        LeaderElection leader = replica("replica-0", false, false);
        LeaderElection follower = replica("replica-1", false, false);
        leader.tick();
        tickUntilLeading(follower);

        // When the paused leader resumes
        leader.tick();

        // Then it steps down and never acts: no run of it after the follower's first
        assertThat(leader.leading()).isFalse();
        assertThat(runHolders()).containsExactly("replica-0@1", "replica-1@1");
    }

    @Test
    void withSplitBrainAResumedLeaderRunsTheJobBeforeCheckingItsLease() {
        // Given the split-brain defect and a leader paused until a follower took its lease
        LeaderElection leader = replica("replica-0", true, false);
        LeaderElection follower = replica("replica-1", true, false);
        leader.tick();
        tickUntilLeading(follower);

        // When the paused leader resumes
        leader.tick();

        // Then it runs the job once more while the follower leads, and only then steps down
        assertThat(runHolders()).containsExactly("replica-0@1", "replica-1@1", "replica-0@1");
        assertThat(leader.leading()).isFalse();
    }

    @Test
    void withNoTakeoverAnExpiredLeaseIsNeverTaken() {
        // Given the no-takeover defect, a leader and a follower
        LeaderElection leader = replica("replica-0", false, true);
        LeaderElection follower = replica("replica-1", false, true);
        leader.tick();
        follower.tick();

        // When the leader stops and the follower keeps asking for three lease times
        long until = System.nanoTime() + FAST.lease().multipliedBy(3).toNanos();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
            follower.tick();
            return System.nanoTime() - until > 0;
        });

        // Then the lease expired and nobody took it
        assertThat(redis.get(LeaderElection.LEASE_KEY)).isNull();
        assertThat(follower.leading()).isFalse();
        assertThat(runHolders()).containsExactly("replica-0@1");
    }
}
