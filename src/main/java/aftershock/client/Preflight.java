package aftershock.client;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.util.List;

/**
 * Checks before any load or fault: the target answers and a configured Redis is a
 * writable master (seed 004 lost a day to writes going to a read-only replica). Each failure is one line
 * naming the problem and the fix. The credentials are checked by the first sign-in ({@code aftershock.auth.Login}).
 */
public final class Preflight {

    private final Http http;
    private final TargetPaths paths;

    public Preflight(Http http, TargetPaths paths) {
        this.http = http;
        this.paths = paths;
    }

    /** Checks that {@code baseUrl} answers its health endpoint. */
    public void targetAnswers(URI baseUrl, String fixHint) {
        URI health = TargetPaths.under(baseUrl, paths.health());
        Http.Answer answer = http.get(health, Credentials.NONE);
        if (answer.failure() != null) {
            throw new PreflightException("target " + baseUrl + " did not answer " + paths.health() + " (" + answer.failure()
                    + "): is the service up? " + fixHint);
        }
        if (answer.status() != 200) {
            throw new PreflightException("target " + baseUrl + " answered " + answer.status() + " on " + paths.health()
                    + ", expected 200: check the service, or set aftershock.target.paths.health to its health endpoint");
        }
    }

    /** Checks that {@code hostAndPort} is a Redis master that accepts writes. */
    public static void redisIsWritableMaster(String hostAndPort) {
        HostAndPort address;
        try {
            address = HostAndPort.from(hostAndPort);
        } catch (RuntimeException e) {
            throw new PreflightException("REDIS_ADDRESS '" + hostAndPort + "' is not host:port: set it like 127.0.0.1:6379");
        }
        try (Jedis jedis = new Jedis(address, DefaultJedisClientConfig.builder().connectionTimeoutMillis(1000)
                .socketTimeoutMillis(1000).serverDefaultProtocol().build())) {
            List<Object> role = jedis.role();
            String kind = text(role.get(0));
            if (!"master".equals(kind)) {
                String master = role.size() > 2 ? text(role.get(1)) + ":" + text(role.get(2)) : "unknown";
                throw new PreflightException("Redis " + hostAndPort + " is a read-only replica (ROLE " + kind
                        + ", its master is " + master + "): every write would fail; point REDIS_ADDRESS and the service"
                        + " at the master, or at Sentinel");
            }
        } catch (PreflightException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PreflightException("Redis " + hostAndPort + " did not answer (" + e.getMessage()
                    + "): check REDIS_ADDRESS, or leave it empty to skip the Redis check");
        }
    }

    private static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
