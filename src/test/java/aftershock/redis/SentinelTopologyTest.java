package aftershock.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisSentinelClient;

class SentinelTopologyTest {

    @TempDir
    Path dir;

    @Test
    void writesSucceedAgainAfterTheMasterIsKilledAndSentinelLogsTheSwitch() {
        LeftoverProcesses leftovers = new LeftoverProcesses(dir.resolve("processes.json"), ProcessKiller.sigkill());
        List<Long> pids = new ArrayList<>();
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(250).socketTimeoutMillis(250).serverDefaultProtocol().build();
        try (SentinelTopology redis = SentinelTopology.start(dir, ProcessKiller.sigkill(), leftovers);
             RedisSentinelClient client = RedisSentinelClient.builder().masterName(redis.masterName())
                     .sentinels(redis.sentinelAddresses()).clientConfig(config).sentinelClientConfig(config).build()) {
            // Given a topology that accepts writes
            redis.dataNodes().values().forEach(n -> pids.add(n.pid()));
            redis.sentinels().forEach(n -> pids.add(n.pid()));
            HostAndPort oldMaster = redis.currentMaster();
            client.set("before", "1");

            // When the master is SIGKILLed
            KilledNode killed = redis.killMaster();

            // Then writes succeed again within a few seconds, on the other node
            assertThat(killed.address()).isEqualTo(oldMaster);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> "OK".equals(client.set("after", "1")));
            Duration writesBack = Duration.between(killed.killedAt(), Instant.now());
            assertThat(redis.currentMaster()).isNotEqualTo(oldMaster);

            // And Sentinel logged +switch-master after the kill, before writes came back
            Optional<Instant> switched = redis.switchMasterLoggedAt(killed.killedAt());
            assertThat(switched).isPresent();
            assertThat(Duration.between(killed.killedAt(), switched.get())).isLessThan(writesBack.plusMillis(50));

            // And the old master rejoins as a replica
            redis.restartKilled();
            try (Jedis old = new Jedis(oldMaster)) {
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .until(() -> "slave".equals(old.role().get(0).toString()));
            }
            redis.dataNodes().values().forEach(n -> pids.add(n.pid()));
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    }

    @Test
    void aLagBeforeTheKillLosesWritesTheMasterAcknowledgedWithoutItsReplica() {
        LeftoverProcesses leftovers = new LeftoverProcesses(dir.resolve("processes.json"), ProcessKiller.sigkill());
        try (SentinelTopology redis = SentinelTopology.start(dir, ProcessKiller.sigkill(), leftovers)) {
            // Given a writer acknowledged by the master alone, as fast as it answers, until the master dies
            HostAndPort oldMaster = redis.currentMaster();
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (Jedis jedis = new Jedis(oldMaster)) {
                    for (int i = 0; ; i++) {
                        jedis.set("w" + i, "v");
                        acknowledged.add("w" + i);
                    }
                } catch (RuntimeException masterDied) {
                    // the kill ends the writes
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.size() >= 100);

            // When a sleep as long as Sentinel's down-after is refused, and a shorter one opens the failover window
            assertThatThrownBy(() -> redis.lagReplicaThenKillMaster(Duration.ofMillis(1000)))
                    .hasMessageContaining("less than Sentinel's down-after (1000 ms), not 1000 ms");
            KilledNode killed = redis.lagReplicaThenKillMaster(Duration.ofMillis(900));
            writer.join();

            // Then after the failover some acknowledged writes are missing on the new master
            assertThat(killed.address()).isEqualTo(oldMaster);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> !redis.currentMaster().equals(oldMaster));
            try (Jedis newMaster = new Jedis(redis.currentMaster())) {
                await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                        .until(() -> "master".equals(newMaster.role().get(0).toString()));
                long missing = acknowledged.stream().filter(key -> !newMaster.exists(key)).count();
                assertThat(missing).as("acknowledged writes lost of " + acknowledged.size()).isPositive();
            }
        }
    }
}
