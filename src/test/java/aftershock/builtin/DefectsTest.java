package aftershock.builtin;

import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.TargetOptions;
import aftershock.testing.TargetCalls;
import static org.assertj.core.api.Assertions.assertThat;

import aftershock.chaos.local.RedisKill;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DefectsTest {

    private static LocalTarget target;
    private static URI first;
    private static URI second;

    @BeforeAll
    static void startTarget() {
        target = LocalTarget.start(TargetOptions.defaults().withDefects(Defect.NO_FALLBACK.key(), Defect.MEMORY_SESSIONS.key()));
        first = target.replica(0).url();
        second = target.replica(1).url();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @Test
    void withMemorySessionsASessionWrittenOnOneReplicaIsInvisibleOnTheOther() {
        // Given
        String token = TargetCalls.accessToken(first);

        // When replica 0 stores a session
        assertThat(TargetCalls.putJson(first, "/api/sessions/cart-7", token, Map.of("items", 3)).status()).isEqualTo(201);

        // Then only replica 0 knows it
        assertThat(TargetCalls.get(first, "/api/sessions/cart-7", token).status()).isEqualTo(200);
        assertThat(TargetCalls.get(second, "/api/sessions/cart-7", token).status()).isEqualTo(404);
    }

    @Test
    void withNoFallbackApiKeysAndTokenStatusAnswer503WhileRedisIsDown() {
        // Given API keys and token checks that work
        String token = TargetCalls.accessToken(first);
        assertThat(TargetCalls.get(first, "/api/keys", token).status()).isEqualTo(200);
        assertThat(TargetCalls.get(first, "/api/auth/jwt/status", token).status()).isEqualTo(200);
        RedisKill redisKill = new RedisKill(target.redis());

        // When Redis is killed
        redisKill.inject();
        try {
            // Then they fail instead of falling back
            assertThat(TargetCalls.get(first, "/api/keys", token).status()).isEqualTo(503);
            assertThat(TargetCalls.postJson(second, "/api/keys", token, Map.of("name", "k")).status()).isEqualTo(503);
            assertThat(TargetCalls.get(second, "/api/auth/jwt/status", token).status()).isEqualTo(503);
            assertThat(TargetCalls.get(second, "/health", null).status()).isEqualTo(200);
        } finally {
            redisKill.restore();
        }
        assertThat(TargetCalls.get(first, "/api/keys", token).status()).isEqualTo(200);
    }

    @Test
    void withSlowResponsesApiKeysAnswerAtLeast50MillisecondsLaterAndOtherEndpointsDoNot() {
        // Given a target planted with slow-responses next to the one without it
        try (LocalTarget slow = LocalTarget.start(TargetOptions.defaults().withReplicas(1)
                .withDefects(Defect.SLOW_RESPONSES.key()))) {
            URI replica = slow.replica(0).url();
            String token = TargetCalls.accessToken(replica);
            TargetCalls.get(replica, "/api/keys", token);

            // When API keys and health are asked
            long keysNanos = System.nanoTime();
            assertThat(TargetCalls.get(replica, "/api/keys", token).status()).isEqualTo(200);
            long keysMillis = (System.nanoTime() - keysNanos) / 1_000_000;

            // Then only API keys are slowed down, by the planted 50 ms
            assertThat(keysMillis).isGreaterThanOrEqualTo(StateEndpoints.SLOW_RESPONSE_MILLIS);
            long fastestHealthMillis = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long healthNanos = System.nanoTime();
                assertThat(TargetCalls.get(replica, "/health", null).status()).isEqualTo(200);
                fastestHealthMillis = Math.min(fastestHealthMillis, (System.nanoTime() - healthNanos) / 1_000_000);
            }
            assertThat(fastestHealthMillis).isLessThan(StateEndpoints.SLOW_RESPONSE_MILLIS);
        }
    }
}
