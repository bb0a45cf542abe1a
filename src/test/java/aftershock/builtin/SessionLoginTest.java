package aftershock.builtin;

import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.TargetOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in target's cookie sessions: a login that sets SESSION and XSRF-TOKEN, shared by the replicas in Redis. */
class SessionLoginTest {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static LocalTarget target;

    @BeforeAll
    static void startTarget() {
        target = LocalTarget.start(TargetOptions.defaults());
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @Test
    void aSessionFromOneReplicaOpensTheApiOnTheOtherAndWritesNeedTheCsrfToken() throws Exception {
        // Given a cookie login on replica 0
        HttpResponse<String> login = send(target.replica(0).url(), "POST", "/api/session/login", Map.of(),
                "{\"username\":\"admin\",\"password\":\"admin123\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        Map<String, String> cookies = new LinkedHashMap<>();
        login.headers().allValues("Set-Cookie").forEach(c -> HttpCookie.parse(c).forEach(k -> cookies.put(k.getName(), k.getValue())));
        assertThat(cookies).containsKeys("SESSION", "XSRF-TOKEN");
        String cookie = "SESSION=" + cookies.get("SESSION") + "; XSRF-TOKEN=" + cookies.get("XSRF-TOKEN");
        URI other = target.replica(1).url();

        // When replica 1 is called with the cookie: a read, a write without the CSRF header, a write with it
        HttpResponse<String> read = send(other, "GET", "/api/agents", Map.of("Cookie", cookie), null);
        HttpResponse<String> forged = send(other, "PUT", "/api/sessions/cookie-1", Map.of("Cookie", cookie), "{\"value\":\"a\"}");
        HttpResponse<String> write = send(other, "PUT", "/api/sessions/cookie-1",
                Map.of("Cookie", cookie, "X-XSRF-TOKEN", cookies.get("XSRF-TOKEN")), "{\"value\":\"a\"}");

        // Then the session is known there, and only the write with the token is taken
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("invalid_csrf_token");
        assertThat(write.statusCode()).isBetween(200, 201);
    }

    @Test
    void wrongCredentialsAndUnknownSessionsAreRefused() throws Exception {
        URI first = target.replica(0).url();

        assertThat(send(first, "POST", "/api/session/login", Map.of(), "{\"username\":\"admin\",\"password\":\"nope\"}")
                .statusCode()).isEqualTo(401);
        assertThat(send(first, "GET", "/api/agents", Map.of("Cookie", "SESSION=made-up"), null).statusCode()).isEqualTo(401);
        // No API_KEY in this JVM's environment: any key is refused.
        assertThat(send(first, "GET", "/api/agents", Map.of("X-API-Key", "guess"), null).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> send(URI base, String method, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
