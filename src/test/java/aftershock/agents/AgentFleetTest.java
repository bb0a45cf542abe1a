package aftershock.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.agents.AgentEvent.Kind;
import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.RedisMode;
import aftershock.supervisor.TargetOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Simulated agents against the built-in target's agent endpoint: the real replicas, the real Redis. */
class AgentFleetTest {

    private static final String COMMAND = "{\"id\":\"${id}\",\"command\":\"ping\"}";

    private static AgentProtocol protocol(LocalTarget target, Duration backoff) {
        return protocol(target, backoff, Duration.ofSeconds(1));
    }

    private static AgentProtocol protocol(LocalTarget target, Duration backoff, Duration heartbeat) {
        return new AgentProtocol(target.agentUrls().stream().map(URI::toString).toList(), "{\"type\":\"register\",\"agent\":\"${agent}\"}",
                "{\"type\":\"heartbeat\",\"agent\":\"${agent}\"}", heartbeat, "registered", "replica", "command",
                "id", 4001, new AgentProtocol.Backoff(backoff, 5));
    }

    private static long staleCloses(AgentFleet fleet) {
        return fleet.events().stream().filter(e -> e.kind() == Kind.STALE).count();
    }

    @Test
    void agentsAreMappedTakeCommandsThroughTheOtherReplicaAndComeBackAfterAKillAndAnEmptyRedis() {
        try (LocalTarget target = LocalTarget.start(TargetOptions.defaults().withRestartDelay(Duration.ofSeconds(1)));
             AgentFleet fleet = AgentFleet.start(4, "agent-", protocol(target, Duration.ofMillis(300)), event -> { });
             RedisClient redis = RedisClient.builder().hostAndPort(target.redisAddress()).build()) {
            // Given four agents registered on two replicas
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.registered() == 4);
            assertThat(fleet.connections().values()).containsOnly("replica-0", "replica-1");

            // Then each mapping names its replica, and a command through the other replica reaches each agent
            assertThat(AgentChecks.mapping(fleet.connections(), redis::get, "aftershock:agent-socket:${agent}").percent())
                    .isEqualTo(100.0);
            AgentChecks.Checked commands = commandsThroughTheOtherReplica(target, fleet, Duration.ofSeconds(3));
            assertThat(commands.failures()).isEmpty();
            assertThat(commands.passed()).isEqualTo(4);

            // When replica-0 is killed
            Instant killedAt = target.killReplica(0);

            // Then its agents drop, and register on replica-1 after the 300 ms backoff
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.registered() == 4
                    && fleet.connections().values().stream().allMatch("replica-1"::equals));
            Reconnections reconnections = Reconnections.of(fleet.events(), killedAt.minusSeconds(1), Instant.now());
            assertThat(reconnections.drops()).isEqualTo(2);
            assertThat(reconnections.reconnectMillis()).allSatisfy(millis -> assertThat(millis).isBetween(300L, 2_000L));

            // When Redis loses everything
            redis.flushAll();

            // Then the mapping is written again within a few seconds, and no healthy agent was closed as stale
            await().atMost(Duration.ofSeconds(5)).until(() -> AgentChecks.mapping(fleet.connections(), redis::get,
                    "aftershock:agent-socket:${agent}").percent() == 100.0);
            assertThat(staleCloses(fleet)).isZero();
        }
    }

    @Test
    void plantedDefectsCloseHealthyAgentsAsStaleForgetTheMappingAndDropRoutedCommands() {
        try (LocalTarget target = LocalTarget.start(TargetOptions.defaults()
                .withDefects("heartbeat-equals-stale", "no-mapping-restore", "no-command-routing"));
             // Healthy agents that send their heartbeats on schedule, every second
             AgentFleet fleet = AgentFleet.start(4, "agent-", protocol(target, Duration.ofMillis(300), Duration.ofSeconds(1)),
                     event -> { });
             RedisClient redis = RedisClient.builder().hostAndPort(target.redisAddress()).build()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.registered() == 4);

            // When Redis loses everything
            redis.flushAll();

            // Then agents that heartbeat about every second are closed as stale by a threshold equal to the 1 s interval
            // (each read deadline races the next on-time heartbeat: about a third of them lose on a shared machine)
            await().atMost(Duration.ofSeconds(20)).until(() -> staleCloses(fleet) > 0);
            // And a command for an agent on another replica is accepted, and never arrives
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.registered() == 4);
            AgentChecks.Checked commands = commandsThroughTheOtherReplica(target, fleet, Duration.ofSeconds(1));
            assertThat(commands.passed()).isLessThan(commands.checked());
            // And agents that registered before the flush and never since are missing from the mapping
            List<String> unmapped = AgentChecks.mapping(fleet.connections(), redis::get, "aftershock:agent-socket:${agent}")
                    .failures();
            assertThat(unmapped).allSatisfy(line -> assertThat(line).contains("is missing"));
        }
    }

    @Test
    void afterRedisIsReplacedTheReplicasAskTheirAgentsToRegisterAgainAndTheMappingIsBackAtOnce() {
        try (LocalTarget target = LocalTarget.start(TargetOptions.defaults());
             AgentFleet fleet = AgentFleet.start(4, "agent-", protocol(target, Duration.ofMillis(300)), event -> { })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.registered() == 4);

            // When Redis is killed and comes back empty
            target.redis().kill();
            Instant replacedAt = Instant.now();
            target.redis().wipeData();
            target.redis().start();

            // Then every agent is closed with 1012 once its replica has subscribed again, and registers again
            await().atMost(Duration.ofSeconds(10)).until(() -> Reconnections.of(fleet.events(), replacedAt, Instant.now())
                    .reconnectMillis().size() == 4);
            assertThat(fleet.events()).filteredOn(e -> e.kind() == Kind.DROPPED && e.at().isAfter(replacedAt))
                    .allSatisfy(e -> assertThat(e.detail()).startsWith("1012"));
            // And each mapping names its replica in the new Redis
            try (RedisClient redis = RedisClient.builder().hostAndPort(target.redisAddress()).build()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> AgentChecks.mapping(fleet.connections(), redis::get,
                        "aftershock:agent-socket:${agent}").percent() == 100.0);
            }
            assertThat(staleCloses(fleet)).isZero();
        }
    }

    @Test
    void behindSentinelACommandSentThroughTheOtherReplicaReachesTheAgent() {
        // Given agents on two replicas whose Redis is a Sentinel-watched master
        try (LocalTarget target = LocalTarget.start(TargetOptions.defaults().withRedisMode(RedisMode.SENTINEL));
             AgentFleet fleet = AgentFleet.start(4, "agent-", protocol(target, Duration.ofMillis(300)), event -> { })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.registered() == 4);
            assertThat(fleet.connections().values()).containsOnly("replica-0", "replica-1");

            // When each agent is sent a command through the replica it is not connected to
            AgentChecks.Checked commands = commandsThroughTheOtherReplica(target, fleet, Duration.ofSeconds(3));

            // Then every command is routed over the master's pub/sub and reaches its agent
            assertThat(commands.failures()).isEmpty();
            assertThat(commands.passed()).isEqualTo(4);
        }
    }

    /** Each agent sent a command through the replica it is not connected to, as AgentReconnect does. */
    private static AgentChecks.Checked commandsThroughTheOtherReplica(LocalTarget target, AgentFleet fleet,
                                                                       Duration wait) {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, URI> replicas = AgentChecks.replicaIds(target.replicaUrls(), http, "health", "replica");
        return AgentChecks.commands(fleet, replicas, "api/agent-commands/${agent}", COMMAND, http, wait);
    }
}
