package aftershock.supervisor;

import aftershock.testing.TargetCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.chaos.local.SentinelMasterKill;
import aftershock.redis.KilledNode;
import aftershock.redis.SentinelTopology;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisSentinelClient;

class SentinelModeTest {

    @Test
    void sessionWritesRecoverAfterTheMasterIsKilledAndEverythingStopsOnClose() {
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(250).socketTimeoutMillis(250).serverDefaultProtocol().build();
        LocalTarget target = LocalTarget.start(TargetOptions.defaults().withReplicas(1).withRedisMode(RedisMode.SENTINEL));
        List<Long> pids;
        try (target; RedisSentinelClient client = RedisSentinelClient.builder().masterName(target.sentinel().masterName())
                .sentinels(target.sentinel().sentinelAddresses()).clientConfig(config).sentinelClientConfig(config).build()) {
            // Given a target on a Sentinel topology that stores sessions
            SentinelTopology sentinel = target.sentinel();
            URI replica = target.replica(0).url();
            String token = TargetCalls.accessToken(replica);
            assertThat(TargetCalls.putJson(replica, "/api/sessions/before", token, Map.of("v", 1)).status()).isEqualTo(201);
            HostAndPort oldMaster = target.redisAddress();
            SentinelMasterKill failover = new SentinelMasterKill(sentinel);
            assertThat(failover.describe()).startsWith("SIGKILL redis-server pid ").contains("(" + oldMaster + ")");

            // When the master is SIGKILLed
            failover.inject();
            KilledNode killed = failover.killedNode().orElseThrow();

            // Then writes through a Sentinel client succeed again within seconds
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> "OK".equals(client.set("probe", "1")));
            Instant recovered = Instant.now();
            assertThat(target.redisAddress()).isNotEqualTo(oldMaster);

            // And the target acknowledges no session write while the new master has no replica to hold it
            assertThat(TargetCalls.putJson(replica, "/api/sessions/after", token, Map.of("v", 2)).status()).isEqualTo(503);

            // And Sentinel's own log shows the switch between the kill and our recovery
            Optional<Instant> switched = sentinel.switchMasterLoggedAt(killed.killedAt());
            assertThat(switched).hasValueSatisfying(at -> assertThat(at).isBetween(
                    killed.killedAt().minusMillis(1), recovered.plusMillis(50)));

            // And after restore the old master rejoins as a replica
            failover.restore();
            failover.restore();
            try (Jedis old = new Jedis(oldMaster, config)) {
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .until(() -> "slave".equals(old.role().get(0).toString()));
            }
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> TargetCalls.putJson(replica, "/api/sessions/after-rejoin", token, Map.of("v", 3)).status() == 201);
            pids = target.pids();
            assertThat(pids).hasSize(6);
        }
        // And close() leaves none of the six processes running
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    }
}
