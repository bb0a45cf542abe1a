package aftershock.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A static HTTP server on 127.0.0.1 for the benchmark: it answers 200 with a fixed small JSON body on every path,
 * over keep-alive connections, so the figures measure the load generator and Aftershock rather than a service.
 * A POST to the login path answers a token pair, so Aftershock's preflight login passes. With a delay, every other
 * request except the health path is answered that much later, without holding a worker thread, so the client's
 * connections pile up (a slow endpoint).
 *
 * <pre>
 *   try (StaticServer server = StaticServer.start(0, 8, "/api/auth/login")) {
 *       URI base = URI.create("http://127.0.0.1:" + server.port());
 *   }
 * </pre>
 *
 * From a shell: {@code java -cp target/test-classes aftershock.bench.StaticServer [port-file] [threads] [login-path]
 * [delay-millis]} writes the port it listens on to port-file and serves until killed.
 */
public final class StaticServer implements AutoCloseable {

    static final byte[] BODY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] TOKENS = "{\"access_token\":\"x\",\"refresh_token\":\"y\"}".getBytes(StandardCharsets.UTF_8);

    static final String HEALTH_PATH = "/health";

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService later;

    private StaticServer(HttpServer server, ExecutorService workers, ScheduledExecutorService later) {
        this.server = server;
        this.workers = workers;
        this.later = later;
    }

    /** Starts serving on 127.0.0.1:{@code port} (0 picks a free one) with {@code workerThreads} handler threads. */
    public static StaticServer start(int port, int workerThreads, String loginPath) throws IOException {
        return start(port, workerThreads, loginPath, Duration.ZERO);
    }

    /**
     * The same, answering every request but the login and the health path {@code delay} late (a slow endpoint);
     * the delayed answers wait on a timer, not on a worker thread.
     */
    public static StaticServer start(int port, int workerThreads, String loginPath, Duration delay) throws IOException {
        // Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm and the client's delayed
        // ACK hold every keep-alive response for about 40 ms. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        ExecutorService workers = Executors.newFixedThreadPool(workerThreads, r -> {
            Thread thread = new Thread(r, "static-server");
            thread.setDaemon(true);
            return thread;
        });
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "static-server-delay");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (delay.isZero() || loginPath.equals(path) || HEALTH_PATH.equals(path)) {
                answer(exchange, loginPath);
                return;
            }
            later.schedule(() -> {
                try {
                    answer(exchange, loginPath);
                } catch (IOException e) {
                    exchange.close();
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        });
        server.start();
        return new StaticServer(server, workers, later);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, String loginPath) throws IOException {
        try (InputStream request = exchange.getRequestBody(); OutputStream response = exchange.getResponseBody()) {
            // The request body must be read to the end, or the connection cannot be reused.
            request.transferTo(OutputStream.nullOutputStream());
            boolean login = "POST".equals(exchange.getRequestMethod())
                    && loginPath.equals(exchange.getRequestURI().getPath());
            byte[] body = login ? TOKENS : BODY;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            response.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        later.shutdownNow();
        workers.shutdownNow();
    }

    /** Serves until killed; the port goes to the file named by the first argument, or to stdout. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String loginPath = args.length > 2 ? args[2] : "/api/auth/login";
        Duration delay = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 0);
        StaticServer server = start(0, threads, loginPath, delay);
        String port = Integer.toString(server.port());
        if (args.length > 0) {
            Path file = Path.of(args[0]);
            Path partial = Path.of(args[0] + ".partial");
            Files.writeString(partial, port + "\n");
            Files.move(partial, file);
        } else {
            System.out.println(port);
        }
        Thread.currentThread().join();
    }
}
