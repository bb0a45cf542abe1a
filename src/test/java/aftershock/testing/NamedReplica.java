package aftershock.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in replica on a free port of 127.0.0.1 that answers every request 200 with its own name, so a test can
 * tell which replica a front door sent it to. Stop it with {@code stop(0)}.
 */
public final class NamedReplica {

    private NamedReplica() {
    }

    public static HttpServer start(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
