package aftershock.bench;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StaticServerTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void answersEveryPathWithTheFixedBody() throws Exception {
        // Given a static server
        try (StaticServer server = StaticServer.start(0, 2, "/api/auth/login")) {
            // When any path is asked for
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(base(server).resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> agents = client.send(HttpRequest.newBuilder(base(server).resolve("/api/agents")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // Then it answers 200 with the same small JSON body
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(agents.statusCode()).isEqualTo(200);
            assertThat(agents.body()).isEqualTo(health.body());
        }
    }

    @Test
    void aDelayHoldsManySlowRequestsAtOnceButNotHealth() throws Exception {
        // Given a static server with 2 worker threads and a 1 s delay
        try (StaticServer server = StaticServer.start(0, 2, "/api/auth/login", java.time.Duration.ofSeconds(1))) {
            // When 8 slow requests are sent at once, then health
            long t0 = System.nanoTime();
            java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> slow = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                slow.add(client.sendAsync(HttpRequest.newBuilder(base(server).resolve("/api/agents")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(base(server).resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long healthMillis = (System.nanoTime() - t0) / 1_000_000;
            java.util.concurrent.CompletableFuture.allOf(slow.toArray(new java.util.concurrent.CompletableFuture[0])).join();
            long slowMillis = (System.nanoTime() - t0) / 1_000_000;

            // Then health answers at once, and all 8 slow ones in about one delay, not four (2 threads, 8 requests)
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(healthMillis).isLessThan(900);
            assertThat(slow).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
            assertThat(slowMillis).isBetween(1000L, 2900L);
        }
    }

    @Test
    void answersATokenPairToALoginPostSoPreflightPasses() throws Exception {
        // Given a static server whose login path is the default one
        try (StaticServer server = StaticServer.start(0, 2, "/api/auth/login")) {
            // When preflight's login is posted
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(base(server).resolve("/api/auth/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin123\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            // Then the answer carries an access token
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).isEqualTo("{\"access_token\":\"x\",\"refresh_token\":\"y\"}");
        }
    }

    @Test
    void keepsTheConnectionOpenBetweenRequests() throws Exception {
        // Given a static server and one TCP connection to it
        try (StaticServer server = StaticServer.start(0, 2, "/api/auth/login");
             Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));

            // When two requests are sent one after the other on it
            String first = exchange(out, in);
            String second = exchange(out, in);

            // Then both are answered on the same connection
            assertThat(first).isEqualTo("HTTP/1.1 200 OK");
            assertThat(second).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    private static String exchange(OutputStream out, BufferedReader in) throws Exception {
        out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = in.readLine();
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        in.skip(length);
        return status;
    }

    private static URI base(StaticServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }
}
