package aftershock.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.TargetOptions;
import aftershock.testing.TargetCalls;
import aftershock.testing.TargetCalls.Answer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The login-failures and refresh-failures defects fail exactly one call in five, on both login flavours. */
class PlantedAuthFailuresTest {

    private static LocalTarget target;
    private static URI replica;

    @BeforeAll
    static void startTarget() {
        target = LocalTarget.start(TargetOptions.defaults().withReplicas(1)
                .withDefects(Defect.LOGIN_FAILURES.key(), Defect.REFRESH_FAILURES.key()));
        replica = target.replica(0).url();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @Test
    void everyFifthLoginIsRefusedWithTheRightCredentials() {
        // When 20 logins with the right password are made
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(TargetCalls.login(replica, "admin", "admin123").status());
        }

        // Then exactly 4 of them (20 %) are 401
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(4);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(16);
    }

    @Test
    void everyFifthRefreshIsRefusedAndItsTokenStaysUsable() {
        // Given a refresh token
        String refreshToken = loginRefreshToken();
        int refused = 0;

        // When the token is rotated 20 times, retrying a refused refresh with the same token
        for (int i = 0; i < 20; i++) {
            Answer answer = TargetCalls.postJson(replica, "/api/auth/refresh", null, Map.of("refresh_token", refreshToken));
            if (answer.status() == 401) {
                refused++;
                answer = TargetCalls.postJson(replica, "/api/auth/refresh", null, Map.of("refresh_token", refreshToken));
            }
            // Then a refused refresh did not consume the token: the retry rotates it
            assertThat(answer.status()).as("refresh %d", i).isEqualTo(200);
            refreshToken = answer.body().get("refresh_token").asText();
        }
        assertThat(refused).isBetween(4, 6);
    }

    @Test
    void theOauthTokenEndpointFailsPasswordGrantsTheSameWay() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(TargetCalls.postForm(replica, "/oauth2/token",
                    "grant_type=password&client_id=perf&username=admin&password=admin123").status());
        }

        assertThat(statuses).filteredOn(s -> s == 401).hasSize(2);
    }

    private static String loginRefreshToken() {
        for (int attempt = 0; attempt < 2; attempt++) {
            Answer login = TargetCalls.login(replica, "admin", "admin123");
            if (login.status() == 200) {
                return login.body().get("refresh_token").asText();
            }
        }
        throw new AssertionError("two logins in a row were refused: the defect fails one in five, not more");
    }
}
