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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A static HTTP server on 127.0.0.1 for the benchmark: it answers 200 with a fixed small JSON body on every path,
 * over keep-alive connections, so the figures measure the load generator and Aftershock rather than a service.
 * A POST to the login path answers a token pair, so Aftershock's preflight login passes.
 *
 * <pre>
 *   try (StaticServer server = StaticServer.start(0, 8, "/api/auth/login")) {
 *       URI base = URI.create("http://127.0.0.1:" + server.port());
 *   }
 * </pre>
 *
 * From a shell: {@code java -cp target/test-classes aftershock.bench.StaticServer [port-file] [threads]} writes the
 * port it listens on to port-file and serves until killed.
 */
public final class StaticServer implements AutoCloseable {

    static final byte[] BODY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] TOKENS = "{\"access_token\":\"x\",\"refresh_token\":\"y\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService workers;

    private StaticServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Starts serving on 127.0.0.1:{@code port} (0 picks a free one) with {@code workerThreads} handler threads. */
    public static StaticServer start(int port, int workerThreads, String loginPath) throws IOException {
        // Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm and the client's delayed
        // ACK hold every keep-alive response for about 40 ms. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        ExecutorService workers = Executors.newFixedThreadPool(workerThreads, r -> {
            Thread thread = new Thread(r, "static-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", exchange -> answer(exchange, loginPath));
        server.start();
        return new StaticServer(server, workers);
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
        workers.shutdownNow();
    }

    /** Serves until killed; the port goes to the file named by the first argument, or to stdout. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String loginPath = args.length > 2 ? args[2] : "/api/auth/login";
        StaticServer server = start(0, threads, loginPath);
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
