package aftershock.supervisor;

import aftershock.chaos.command.CommandResult;
import aftershock.chaos.command.ShellCommands;
import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import aftershock.redis.Persistence;
import aftershock.redis.RedisProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The built-in Redis can be killed by its pid file and started again by a plain command, as a user's own would. */
class RedisFilesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ShellCommands shell = new ShellCommands();
    private LeftoverProcesses leftovers;
    private RedisProcess redis;

    @AfterEach
    void stopBoth() {
        if (redis != null) {
            redis.stop();
        }
        RedisFiles.stopRestarted(leftovers, ProcessKiller.sigkill());
    }

    @Test
    void aRedisKilledByItsPidFileAndStartedByItsConfigKeepsItsDataAndIsStoppedWithTheTarget() throws Exception {
        // Given the built-in Redis with AOF, its pid file, redis.conf and redis-server link
        leftovers = new LeftoverProcesses(dir.resolve("processes.json"), ProcessKiller.sigkill());
        Path pidFile = RedisFiles.pidFile(leftovers);
        redis = RedisProcess.standalone(0, dir, Persistence.AOF_ALWAYS, ProcessKiller.sigkill(), leftovers)
                .withPidFile(pidFile).start();
        RedisFiles.write(leftovers, redis);
        try (Jedis jedis = new Jedis(redis.address())) {
            jedis.set("session", "kept");
        }
        assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(redis.pid()));

        // When a user's commands kill it by its pid file and start it again from its config
        CommandResult killed = shell.run("kill -9 $(cat " + pidFile + ")", TIMEOUT);
        await("redis-server to stop answering").atMost(TIMEOUT).until(() -> !redis.answersPing());
        CommandResult started = shell.run(dir.resolve("redis-server") + " " + dir.resolve("redis.conf"), TIMEOUT);

        // Then it answers again, as another process, with what it had acknowledged
        assertThat(killed.ok()).as(killed.summary()).isTrue();
        assertThat(started.ok()).as(started.summary()).isTrue();
        await("redis-server to answer again").atMost(TIMEOUT).until(redis::answersPing);
        long restartedPid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(restartedPid).isNotEqualTo(redis.pid());
        try (Jedis jedis = new Jedis(redis.address())) {
            assertThat(jedis.get("session")).isEqualTo("kept");
        }

        // And stopping the target stops the Redis the pid file names
        RedisFiles.stopRestarted(leftovers, ProcessKiller.sigkill());
        assertThat(ProcessHandle.of(restartedPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aRedisTheSupervisorStartedAndRecordedIsNeverStoppedAsOneStartedAgainByACommand() {
        // Given a target's own Redis, recorded by its supervisor, named by the pid file
        leftovers = new LeftoverProcesses(dir.resolve("processes.json"), ProcessKiller.sigkill());
        redis = RedisProcess.standalone(0, dir, Persistence.AOF_ALWAYS, ProcessKiller.sigkill(), leftovers)
                .withPidFile(RedisFiles.pidFile(leftovers)).start();

        // When another target starts beside it (or this one stops its restarted Redis)
        RedisFiles.stopRestarted(leftovers, ProcessKiller.sigkill());

        // Then the running target's Redis is left alone
        assertThat(redis.answersPing()).isTrue();
    }
}
