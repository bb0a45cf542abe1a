package aftershock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class RedisProcessTest {

    @TempDir
    Path dir;

    private final List<RedisProcess> started = new ArrayList<>();
    private final List<Long> killedPids = new ArrayList<>();

    private RedisProcess redis(int port) {
        return redis(port, Persistence.NONE);
    }

    private RedisProcess redis(int port, Persistence persistence) {
        LeftoverProcesses leftovers = new LeftoverProcesses(dir.resolve("processes.json"), ProcessKiller.sigkill());
        ProcessKiller recording = process -> {
            killedPids.add(process.pid());
            ProcessKiller.sigkill().kill(process);
        };
        RedisProcess redis = RedisProcess.standalone(port, dir, persistence, recording, leftovers);
        started.add(redis);
        return redis;
    }

    @AfterEach
    void stopAll() {
        started.forEach(RedisProcess::stop);
    }

    @Test
    void restartsOnTheSamePortAfterSigkillWithEmptyData() {
        // Given a running Redis holding a key
        RedisProcess redis = redis(0).start();
        try (Jedis jedis = new Jedis(redis.address())) {
            jedis.set("k", "v");
        }
        long firstPid = redis.pid();

        // When it is SIGKILLed through the seam and started again
        redis.kill();
        assertThat(redis.isAlive()).isFalse();
        assertThat(redis.answersPing()).isFalse();
        redis.start();

        // Then it answers on the same port as a new process, without the old data
        assertThat(killedPids).containsExactly(firstPid);
        assertThat(redis.pid()).isNotEqualTo(firstPid);
        try (Jedis jedis = new Jedis(redis.address())) {
            assertThat(jedis.get("k")).isNull();
        }
    }

    @Test
    void anAppendOnlyFileFsyncedOnEveryWriteKeepsEveryAcknowledgedWriteThroughSigkill() {
        // Given a durable Redis that acknowledged 500 writes
        RedisProcess redis = redis(0, Persistence.AOF_ALWAYS).start();
        try (Jedis jedis = new Jedis(redis.address())) {
            for (int i = 0; i < 500; i++) {
                jedis.set("k" + i, "v" + i);
            }
        }

        // When it is SIGKILLed at once and started again
        redis.kill();
        redis.start();

        // Then every one of them is back
        try (Jedis jedis = new Jedis(redis.address())) {
            assertThat(jedis.dbSize()).isEqualTo(500);
            assertThat(jedis.get("k499")).isEqualTo("v499");
        }
    }

    @Test
    void wipingTheDataFilesOfAKilledRedisMakesItComeBackEmpty() {
        // Given a durable Redis holding a key
        RedisProcess redis = redis(0, Persistence.AOF_ALWAYS).start();
        try (Jedis jedis = new Jedis(redis.address())) {
            jedis.set("k", "v");
        }

        // When wiped while running, it refuses; killed, wiped and started, it is empty
        assertThatThrownBy(redis::wipeData).hasMessageContaining("still runs");
        redis.kill();
        redis.wipeData();
        redis.start();

        // Then
        try (Jedis jedis = new Jedis(redis.address())) {
            assertThat(jedis.dbSize()).isZero();
        }
    }

    @Test
    void stopLeavesNoProcessAndForgetsIt() {
        // Given a running Redis
        RedisProcess redis = redis(0).start();
        ProcessHandle handle = ProcessHandle.of(redis.pid()).orElseThrow();

        // When it is stopped
        redis.stop();

        // Then the process is gone
        assertThat(handle.isAlive()).isFalse();
    }

    @Test
    void refusesAPortThatIsAlreadyTakenWithAHint() throws Exception {
        // Given a port held by someone else
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            RedisProcess redis = redis(taken.getLocalPort());

            // When / Then
            assertThatThrownBy(redis::start)
                    .hasMessage("port " + taken.getLocalPort()
                            + " is already in use: free it or set aftershock.built-in.redis-port");
        }
    }
}
