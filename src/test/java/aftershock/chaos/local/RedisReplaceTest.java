package aftershock.chaos.local;

import static org.assertj.core.api.Assertions.assertThat;

import aftershock.chaos.FaultEvidence;
import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import aftershock.redis.Persistence;
import aftershock.redis.RedisProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class RedisReplaceTest {

    @TempDir
    Path dir;

    @Test
    void redisKillKeepsTheDataOfADurableRedisAndRedisReplaceBringsItBackEmpty() {
        // Given a durable Redis holding a key, whose kill seam records what it kills
        List<Long> killed = new ArrayList<>();
        ProcessKiller recording = process -> {
            killed.add(process.pid());
            ProcessKiller.sigkill().kill(process);
        };
        LeftoverProcesses leftovers = new LeftoverProcesses(dir.resolve("processes.json"), ProcessKiller.sigkill());
        try (RedisProcess redis = RedisProcess.standalone(0, dir, Persistence.AOF_ALWAYS, recording, leftovers).start()) {
            set(redis, "session:1", "kept");
            RedisKill kill = new RedisKill(redis);
            RedisReplace replace = new RedisReplace(redis);

            // When redis-kill fires and is restored
            long firstPid = redis.pid();
            kill.inject();
            kill.restore();

            // Then the key is still there
            assertThat(get(redis, "session:1")).isEqualTo("kept");

            // When redis-replace fires and is restored twice
            long secondPid = redis.pid();
            String described = replace.describe();
            replace.inject();
            assertThat(replace.isActive()).isTrue();
            FaultEvidence whileDown = replace.evidence();
            replace.restore();
            replace.restore();

            // Then Redis answers on the same port, empty, and only the two pids were killed
            assertThat(replace.name()).isEqualTo("redis-replace");
            assertThat(described).isEqualTo("SIGKILL redis-server pid " + secondPid + " (127.0.0.1:"
                    + redis.port() + ") and delete its data files");
            assertThat(get(redis, "session:1")).isNull();
            assertThat(killed).containsExactly(firstPid, secondPid);
            assertThat(replace.isActive()).isFalse();

            // And its evidence is the killed pid gone with its files, then Redis started again
            assertThat(whileDown.isObserved()).isTrue();
            assertThat(whileDown.description()).isEqualTo("redis-server pid " + secondPid + " gone, data files deleted");
            assertThat(whileDown.componentRecovery()).isEmpty();
            FaultEvidence afterRestore = replace.evidence();
            assertThat(afterRestore.isObserved()).isTrue();
            assertThat(afterRestore.componentRecovery()).isPresent();
        }
    }

    private static void set(RedisProcess redis, String key, String value) {
        try (Jedis jedis = new Jedis(redis.address())) {
            jedis.set(key, value);
        }
    }

    private static String get(RedisProcess redis, String key) {
        try (Jedis jedis = new Jedis(redis.address())) {
            return jedis.get(key);
        }
    }
}
