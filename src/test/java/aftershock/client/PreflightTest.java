package aftershock.client;

import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import aftershock.redis.RedisProcess;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreflightTest {

    private static final TargetPaths PATHS = new TargetPaths("/api/auth/login", "/api/auth/refresh", "/api/auth/jwt/status",
            "/api/agents", "/api/keys", "/api/sessions/{id}", "/health", "/ready", "/.well-known/jwks.json");

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A service whose health is fine and whose login answers {@code loginStatus}. */
    private URI service(int loginStatus, String loginBody) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/api/auth/login", exchange -> answer(exchange, loginStatus, loginBody));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void aRedisReplicaIsRefusedAndItsMasterIsNamed(@TempDir Path dir) {
        LeftoverProcesses leftovers = new LeftoverProcesses(dir.resolve("processes.json"), ProcessKiller.sigkill());
        try (RedisProcess master = RedisProcess.standalone(0, dir, ProcessKiller.sigkill(), leftovers).start();
             RedisProcess replica = RedisProcess.standalone(0, dir, ProcessKiller.sigkill(), leftovers).start()) {
            try (Jedis jedis = new Jedis(replica.address())) {
                jedis.replicaof("127.0.0.1", master.port());
            }

            assertThatCode(() -> Preflight.redisIsWritableMaster("127.0.0.1:" + master.port())).doesNotThrowAnyException();
            assertThatThrownBy(() -> Preflight.redisIsWritableMaster("127.0.0.1:" + replica.port()))
                    .isInstanceOf(PreflightException.class)
                    .hasMessageStartingWith("Redis 127.0.0.1:" + replica.port() + " is a read-only replica (ROLE slave, its master is 127.0.0.1:" + master.port())
                    .hasMessageContaining("point REDIS_ADDRESS and the service at the master, or at Sentinel");
        }
    }

    @Test
    void anUnreachableRedisIsOneLine() {
        assertThatThrownBy(() -> Preflight.redisIsWritableMaster("127.0.0.1:9"))
                .hasMessageStartingWith("Redis 127.0.0.1:9 did not answer")
                .hasMessageEndingWith("check REDIS_ADDRESS, or leave it empty to skip the Redis check");
        assertThatThrownBy(() -> Preflight.redisIsWritableMaster("no-port"))
                .hasMessage("REDIS_ADDRESS 'no-port' is not host:port: set it like 127.0.0.1:6379");
    }
}
