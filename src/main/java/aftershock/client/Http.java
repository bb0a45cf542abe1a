package aftershock.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** Aftershock's own small HTTP calls (preflight, probes, lost-data checks), outside Gatling's load. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    public Http(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A response, or the reason there was none; {@code headers} are empty when there was none. */
    public record Answer(int status, String body, String failure, HttpHeaders headers) {

        public Answer(int status, String body, String failure) {
            this(status, body, failure, HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        public boolean ok() {
            return failure == null && status >= 200 && status < 300;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.missingNode();
            }
        }
    }

    public Answer get(URI uri, String bearer) {
        return send(request(uri, bearer).GET().build());
    }

    public Answer send(String method, URI uri, String bearer, String jsonBody) {
        return send(request(uri, bearer).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    /** GET with whatever the login gives: a bearer token, a session cookie, an API key. */
    public Answer get(URI uri, Credentials credentials) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        credentials.requestHeaders().forEach(builder::header);
        return send(builder.build());
    }

    /** A JSON request with whatever the login gives (a CSRF header included, for a session cookie). */
    public Answer send(String method, URI uri, Credentials credentials, String jsonBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        credentials.requestHeaders().forEach(builder::header);
        return send(builder.build());
    }

    public Answer postForm(URI uri, String formBody) {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)).build());
    }

    /**
     * Any request: {@code method} with {@code headers}, and {@code body} when it is not null. The answer keeps the
     * response headers (a login's Set-Cookie).
     */
    public Answer exchange(String method, URI uri, Map<String, String> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    private HttpRequest.Builder request(URI uri, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), null, response.headers());
        } catch (ConnectException e) {
            return new Answer(0, "", "connection refused");
        } catch (HttpTimeoutException e) {
            return new Answer(0, "", "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Answer(0, "", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", "interrupted");
        }
    }
}
