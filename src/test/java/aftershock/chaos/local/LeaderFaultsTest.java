package aftershock.chaos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.probes.JobRunFields;
import aftershock.probes.LeaderHolder;
import aftershock.probes.RedisJobRuns;
import aftershock.probes.RedisLeaderKey;
import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import aftershock.process.ProcessSignals;
import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.Replica;
import aftershock.supervisor.TargetOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

class LeaderFaultsTest {

    @TempDir
    static Path dir;

    private static final List<Long> killed = new CopyOnWriteArrayList<>();
    private static final List<String> signalled = new CopyOnWriteArrayList<>();
    private static LocalTarget target;
    private static RedisClient redis;
    private static RedisLeaderKey lease;
    private static RedisJobRuns runs;

    @BeforeAll
    static void startTarget() {
        ProcessKiller recording = process -> {
            killed.add(process.pid());
            ProcessKiller.sigkill().kill(process);
        };
        target = LocalTarget.start(TargetOptions.defaults(), recording,
                new LeftoverProcesses(dir.resolve("processes.json"), ProcessKiller.sigkill()));
        redis = RedisClient.builder().hostAndPort(target.redisAddress()).build();
        lease = new RedisLeaderKey(redis, "aftershock:leader", target.redisAddress().toString());
        runs = new RedisJobRuns(redis, "aftershock:leader:runs", JobRunFields.BUILT_IN, target.redisAddress().toString());
    }

    @AfterAll
    static void stopTarget() {
        redis.close();
        target.close();
    }

    private static Replica leader() {
        String holder = await().atMost(Duration.ofSeconds(5)).until(() -> lease.current().orElse(null), h -> h != null);
        return target.replicas().stream().filter(r -> holder.equals(r.id() + "@" + r.pid())).findFirst().orElseThrow();
    }

    @Test
    void leaderPauseStopsOnlyTheLeaseHolderAndRestoringTwiceResumesItOnce() {
        // Given the replica that leads, and signals that are recorded before they are sent
        Replica leader = leader();
        long pid = leader.pid();
        ProcessSignals recording = new ProcessSignals() {
            @Override
            public void pause(ProcessHandle process) {
                signalled.add("STOP " + process.pid());
                ProcessSignals.kill().pause(process);
            }

            @Override
            public void resume(ProcessHandle process) {
                signalled.add("CONT " + process.pid());
                ProcessSignals.kill().resume(process);
            }
        };
        LeaderPause pause = new LeaderPause(target, lease, runs, recording);

        // When it is paused past its lease
        pause.inject();

        // Then only its pid was stopped, and another replica takes over and runs the job
        assertThat(signalled).containsExactly("STOP " + pid);
        assertThat(pause.isActive()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> pause.newLeaderProbe().check());
        assertThat(lease.current()).isPresent().get().isNotEqualTo(leader.id() + "@" + pid);
        FaultEvidence evidence = pause.evidence();
        assertThat(evidence.isObserved()).isTrue();
        assertThat(evidence.componentRecovery()).isPresent();

        // When restored twice
        pause.restore();
        pause.restore();

        // Then it was resumed once, runs again, and steps down instead of leading
        assertThat(signalled).containsExactly("STOP " + pid, "CONT " + pid);
        assertThat(pause.isActive()).isFalse();
        assertThat(ProcessHandle.of(pid)).isPresent().get().satisfies(p -> assertThat(p.isAlive()).isTrue());
        assertThat(pause.lastPaused()).get().satisfies(p -> assertThat(p.resumedAt()).isNotNull());
    }

    @Test
    void leaderKillKillsTheLeaseHolderThroughTheSeamAndAnotherHolderRunsTheJob() {
        // Given the replica that leads
        Replica leader = leader();
        long pid = leader.pid();
        LeaderKill kill = new LeaderKill(target, lease, runs);
        assertThat(kill.newLeaderProbe().check()).as("no new leader before any kill").isFalse();

        // When it is killed
        kill.inject();

        // Then exactly its pid went through the kill seam, and a different holder runs the job
        assertThat(killed).contains(pid);
        await().atMost(Duration.ofSeconds(10)).until(() -> kill.newLeaderProbe().check());
        assertThat(kill.evidence().description()).contains("leader " + leader.id() + "@" + pid + " (" + leader.id()
                + " pid " + pid + ") killed").contains("runs the leader job in term");

        // When restored twice, the killed replica runs again
        kill.restore();
        kill.restore();
        assertThat(target.replica(leader.index()).isAlive()).isTrue();
        assertThat(kill.isActive()).isFalse();
    }

    @Test
    void refusesToTouchALeaderThatIsNoProcessTheSupervisorStarted() {
        // Given a lease held by a stranger
        LeaderHolder stranger = new LeaderHolder() {
            @Override
            public Optional<String> current() {
                return Optional.of("someone-else@1");
            }

            @Override
            public String describe() {
                return "a stand-in lease";
            }
        };
        int killedBefore = killed.size();

        // Then both faults refuse, and nothing was killed
        assertThatThrownBy(() -> new LeaderKill(target, stranger, runs).inject()).isInstanceOf(FaultException.class)
                .hasMessageContaining("held by 'someone-else@1', which is none of the replicas this supervisor started");
        assertThatThrownBy(() -> new LeaderPause(target, stranger, runs, ProcessSignals.kill()).inject())
                .isInstanceOf(FaultException.class).hasMessageContaining("only processes we started are killed or paused");
        assertThat(killed).hasSize(killedBefore);
    }
}
