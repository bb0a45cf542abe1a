package aftershock.builtin;

import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.TargetOptions;
import aftershock.testing.TargetCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aftershock.chaos.local.RedisKill;
import aftershock.testing.TargetCalls.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisOutageTest {

    private static LocalTarget target;
    private static URI first;
    private static URI second;

    @BeforeAll
    static void startTarget() {
        target = LocalTarget.start(TargetOptions.defaults());
        first = target.replica(0).url();
        second = target.replica(1).url();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    private static Answer timed(Supplier<Answer> call) {
        long start = System.nanoTime();
        Answer answer = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("latency of %s", answer.raw().uri()).isLessThan(Duration.ofSeconds(1));
        return answer;
    }

    @Test
    void degradesPromptlyWhileRedisIsDownAndRecoversOnItsOwn() {
        // Given a healthy target and a token
        String token = TargetCalls.accessToken(first);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                TargetCalls.get(first, "/api/agents", token).body().path("count").asInt() == 2);
        RedisKill redisKill = new RedisKill(target.redis());

        // When Redis is SIGKILLed
        redisKill.inject();

        // Then liveness and stateless token checks keep working on both replicas
        for (URI replica : new URI[] {first, second}) {
            assertThat(timed(() -> TargetCalls.get(replica, "/health", null)).status()).isEqualTo(200);
            assertThat(timed(() -> TargetCalls.get(replica, "/api/auth/jwt/status", token)).status()).isEqualTo(200);
        }
        // And API keys fall back to memory
        Answer created = timed(() -> TargetCalls.postJson(first, "/api/keys", token, Map.of("name", "during-outage")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("store").asText()).isEqualTo("memory");
        Answer listed = timed(() -> TargetCalls.get(first, "/api/keys", token));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.header("X-Aftershock-Store")).isEqualTo("memory");
        assertThat(listed.body().get("keys").findValuesAsText("name")).contains("during-outage");
        // And Redis-backed state answers 503 promptly
        assertThat(timed(() -> TargetCalls.putJson(second, "/api/sessions/s1", token, Map.of("a", 1))).status()).isEqualTo(503);
        assertThat(timed(() -> TargetCalls.get(second, "/api/sessions/s1", token)).status()).isEqualTo(503);
        assertThat(timed(() -> TargetCalls.get(first, "/api/agents", token)).status()).isEqualTo(503);
        assertThat(timed(() -> TargetCalls.get(first, "/ready", null)).status()).isEqualTo(503);
        assertThat(timed(() -> TargetCalls.postJson(first, "/api/auth/refresh", null, Map.of("refresh_token", "x"))).status())
                .isEqualTo(503);
        // And login still hands out an access token, without a refresh token
        Answer login = timed(() -> TargetCalls.login(second, "admin", "admin123"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().has("refresh_token")).isFalse();
        assertThat(login.header("X-Aftershock-Degraded")).isEqualTo("refresh-token-unavailable");

        // When Redis comes back (empty)
        redisKill.restore();
        redisKill.restore();

        // Then the agent registry is re-created by the heartbeats, and state works again
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                TargetCalls.get(second, "/api/agents", token).body().path("count").asInt() == 2);
        assertThat(TargetCalls.get(first, "/ready", null).status()).isEqualTo(200);
        assertThat(TargetCalls.putJson(second, "/api/sessions/s1", token, Map.of("a", 1)).status()).isEqualTo(201);
        assertThat(TargetCalls.get(first, "/api/keys", token).body().get("store").asText()).isEqualTo("redis");
        assertThat(redisKill.isActive()).isFalse();
    }
}
