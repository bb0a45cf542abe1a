package aftershock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Small HTTP client for tests against the built-in target: JSON in, status + JSON out. */
public final class TargetCalls {

    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** A response: status, parsed JSON body (empty object if none), the raw response. */
    public record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private TargetCalls() {
    }

    public static Answer get(URI base, String path, String bearer) {
        return send(request(base, path, bearer).GET().build());
    }

    public static Answer postJson(URI base, String path, String bearer, Object body) {
        return send(request(base, path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    public static Answer putJson(URI base, String path, String bearer, Object body) {
        return send(request(base, path, bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    public static Answer postForm(URI base, String path, String form) {
        return send(request(base, path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public static Answer login(URI base, String username, String password) {
        return postJson(base, "/api/auth/login", null, Map.of("username", username, "password", password));
    }

    public static String accessToken(URI base) {
        Answer login = login(base, "admin", "admin123");
        if (login.status() != 200) {
            throw new AssertionError("login at " + base + " answered " + login.status() + " " + login.body());
        }
        return login.body().get("access_token").asText();
    }

    private static HttpRequest.Builder request(URI base, String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
