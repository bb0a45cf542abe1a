package aftershock.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.chaos.local.RedisReplace;
import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.TargetOptions;
import aftershock.testing.TargetCalls;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The data the built-in target keeps or re-creates, on the clean target and with the defects that lose, forget or
 * hide it: each behaviour is checked both ways, so that each planted defect is what a run finds.
 */
class DataDefectsTest {

    abstract static class OnTarget {

        LocalTarget target;
        URI first;
        URI second;
        URI third;

        abstract TargetOptions options();

        @BeforeAll
        void startTarget() {
            target = LocalTarget.start(options().withReplicas(3).withRestartDelay(Duration.ofMillis(200)));
            first = target.replica(0).url();
            second = target.replica(1).url();
            third = target.replica(2).url();
        }

        @AfterAll
        void stopTarget() {
            target.close();
        }

        int agents() {
            return TargetCalls.get(first, "/api/agents", TargetCalls.accessToken(first)).body().path("count").asInt(-1);
        }

        /** Writes a session through replica 0, kills it, waits for the supervisor to bring it back, reads it there. */
        int sessionStatusOnTheRestartedReplica() {
            String token = TargetCalls.accessToken(first);
            assertThat(TargetCalls.putJson(first, "/api/sessions/cart-9", token, Map.of("value", "v1")).status()).isEqualTo(201);
            target.killReplica(0);
            target.ensureRunning(0);
            return TargetCalls.get(first, "/api/sessions/cart-9", token).status();
        }

        /** Reads a session through replica 1, writes a newer value through replica 2, reads it again through 1. */
        String valueReadAfterANewerWrite() {
            String token = TargetCalls.accessToken(second);
            Function<URI, String> read = via -> TargetCalls.get(via, "/api/sessions/cart-5", token).body().at("/state/value").asText();
            TargetCalls.putJson(third, "/api/sessions/cart-5", token, Map.of("value", "old"));
            assertThat(read.apply(second)).isEqualTo("old");
            TargetCalls.putJson(third, "/api/sessions/cart-5", token, Map.of("value", "new"));
            return read.apply(second);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CleanTarget extends OnTarget {

        @Override
        TargetOptions options() {
            return TargetOptions.defaults();
        }

        @Test
        void reCreatesItsRegistryWhenRedisComesBackEmpty() {
            // Given every replica registered
            await().atMost(Duration.ofSeconds(5)).until(() -> agents() == 3);
            RedisReplace replace = new RedisReplace(target.redis());

            // When Redis is replaced, empty
            replace.inject();
            replace.restore();

            // Then every replica registers again on its own
            await().atMost(Duration.ofSeconds(5)).until(() -> agents() == 3);
        }

        @Test
        void aRestartedReplicaServesTheSessionsItWroteBeforeItDied() {
            assertThat(sessionStatusOnTheRestartedReplica()).isEqualTo(200);
        }

        @Test
        void aReplicaReadsTheNewestValueWrittenThroughAnother() {
            assertThat(valueReadAfterANewerWrite()).isEqualTo("new");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithDefects extends OnTarget {

        @Override
        TargetOptions options() {
            return TargetOptions.defaults().withDefects(Defect.NO_REGISTRY_REBUILD.key(), Defect.NO_SESSION_RESTORE.key(),
                    Defect.STALE_READS.key());
        }

        @Test
        void noRegistryRebuildLeavesTheRegistryEmptyAfterRedisComesBackEmpty() {
            // Given every replica registered
            await().atMost(Duration.ofSeconds(5)).until(() -> agents() == 3);
            RedisReplace replace = new RedisReplace(target.redis());

            // When Redis is replaced, empty
            replace.inject();
            replace.restore();

            // Then no replica registers again, heartbeat after heartbeat
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> agents() == 0);
        }

        @Test
        void noSessionRestoreMakesTheRestartedReplicaForgetTheSessionsInRedis() {
            assertThat(sessionStatusOnTheRestartedReplica()).isEqualTo(404);
            assertThat(TargetCalls.get(second, "/api/sessions/cart-9", TargetCalls.accessToken(second)).status())
                    .as("the other replica still reads it from Redis").isEqualTo(200);
        }

        @Test
        void staleReadsServeTheCachedValueAfterANewerWrite() {
            assertThat(valueReadAfterANewerWrite()).isEqualTo("old");
        }
    }
}
