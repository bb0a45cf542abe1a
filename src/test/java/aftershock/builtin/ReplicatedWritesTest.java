package aftershock.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.redis.RedisProcess;
import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.RedisMode;
import aftershock.supervisor.TargetOptions;
import aftershock.testing.TargetCalls;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;

/** Behind Sentinel the built-in target acknowledges a session write only once a replica has it, unless lossy-failover. */
class ReplicatedWritesTest {

    private static final ProtocolCommand DEBUG = () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aWriteNoReplicaReceivedIsRefusedAndTheLossyTargetAcknowledgesIt() {
        assertThat(statusOfAWriteWhileTheReplicaSleeps(TargetOptions.defaults())).isEqualTo(503);
        assertThat(statusOfAWriteWhileTheReplicaSleeps(TargetOptions.defaults().withDefects(Defect.LOSSY_FAILOVER.key())))
                .isEqualTo(201);
    }

    private static int statusOfAWriteWhileTheReplicaSleeps(TargetOptions options) {
        // Given a target behind Sentinel whose session writes work
        try (LocalTarget target = LocalTarget.start(options.withReplicas(1).withRedisMode(RedisMode.SENTINEL))) {
            URI replica = target.replica(0).url();
            String token = TargetCalls.accessToken(replica);
            assertThat(TargetCalls.putJson(replica, "/api/sessions/before", token, Map.of("value", 1)).status()).isEqualTo(201);
            HostAndPort master = target.sentinel().currentMaster();
            RedisProcess redisReplica = target.sentinel().dataNodes().values().stream()
                    .filter(node -> node.port() != master.getPort()).findFirst().orElseThrow();

            // When the Redis replica sleeps 1.5 s and a session is written meanwhile
            CompletableFuture<Object> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Jedis jedis = new Jedis(redisReplica.address(), DefaultJedisClientConfig.builder().socketTimeoutMillis(5000).build())) {
                    return jedis.sendCommand(DEBUG, "SLEEP", "1.5");
                }
            });
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> !answersPing(redisReplica.address()));
            int status = TargetCalls.putJson(replica, "/api/sessions/during", token, Map.of("value", 2)).status();
            sleeping.join();

            // Then
            return status;
        }
    }

    private static boolean answersPing(HostAndPort address) {
        try (Jedis jedis = new Jedis(address, DefaultJedisClientConfig.builder().connectionTimeoutMillis(100).socketTimeoutMillis(100).build())) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
