package aftershock.redis;

import aftershock.waiting.Wait;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * Puts a Redis replica behind its master on purpose, the way a slow replica falls behind: {@code DEBUG SLEEP} on the
 * replica, then enough replication traffic on the master (32 MB to one key) that the sleeping replica cannot hold it
 * in its socket buffers, then a wait until more writes have reached the master. A master killed now takes those
 * writes with it, unless they waited for the replica.
 *
 * <pre>
 *   ReplicaLag.open(master, replica, Duration.ofMillis(900));   // returns while the replica still sleeps
 *   // kill the master: the failover window is open
 *   ReplicaLag.clear(newMaster);                                  // drops the filler key
 * </pre>
 */
final class ReplicaLag {

    private static final Logger logger = LoggerFactory.getLogger(ReplicaLag.class);
    private static final ProtocolCommand DEBUG = () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);
    private static final JedisClientConfig QUICK = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(50).socketTimeoutMillis(50).serverDefaultProtocol().build();
    private static final JedisClientConfig FILLER_CLIENT = DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(250).socketTimeoutMillis(2000).serverDefaultProtocol().build();
    // 32 MB of replication traffic: more than the loopback sockets buffer between master and sleeping replica.
    private static final String FILLER_KEY = "aftershock:lag-filler";
    private static final int FILLER_WRITES = 32;
    private static final int FILLER_VALUE_BYTES = 1024 * 1024;
    private static final long WRITES_AHEAD_BYTES = 4096;

    private ReplicaLag() {
    }

    /** Makes {@code replica} sleep {@code sleep} and fall behind {@code master}; returns while it still sleeps. */
    static void open(HostAndPort master, HostAndPort replica, Duration sleep) {
        JedisClientConfig sleeper = DefaultJedisClientConfig.builder().connectionTimeoutMillis(250)
                .socketTimeoutMillis((int) sleep.toMillis() + 2000).serverDefaultProtocol().build();
        CompletableFuture.runAsync(() -> {
            try (Jedis jedis = new Jedis(replica, sleeper)) {
                jedis.sendCommand(DEBUG, "SLEEP", String.format(Locale.ROOT, "%.3f", sleep.toMillis() / 1000.0));
            } catch (RuntimeException e) {
                logger.warn("DEBUG SLEEP on the replica {}: {}", replica, e.getMessage());
            }
        });
        Wait.forValue("the replica " + replica + " to sleep (DEBUG SLEEP)", () -> answers(replica), ok -> !ok)
                .atMost(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(10)).awaitOutcome();
        long behindFrom;
        try (Jedis jedis = new Jedis(master, FILLER_CLIENT)) {
            String filler = "x".repeat(FILLER_VALUE_BYTES);
            for (int i = 0; i < FILLER_WRITES; i++) {
                jedis.set(FILLER_KEY, filler);
            }
            behindFrom = replicationOffset(jedis);
        }
        // The writes that land now are the ones a failover can lose: wait until some have.
        Wait.forValue("writes on the master beyond what the sleeping replica received",
                        () -> replicationOffset(master) - behindFrom, ahead -> ahead >= WRITES_AHEAD_BYTES)
                .atMost(Duration.ofMillis(250)).pollInterval(Duration.ofMillis(10)).awaitOutcome();
        logger.info("replica {} sleeps {} ms and lags behind the master {}", replica, sleep.toMillis(), master);
    }

    /** Deletes the filler key on {@code master}; a failure is only logged. */
    static void clear(HostAndPort master) {
        try (Jedis jedis = new Jedis(master, FILLER_CLIENT)) {
            jedis.del(FILLER_KEY);
        } catch (RuntimeException e) {
            logger.warn("could not delete {} on {}: {}", FILLER_KEY, master, e.getMessage());
        }
    }

    private static boolean answers(HostAndPort address) {
        try (Jedis jedis = new Jedis(address, QUICK)) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long replicationOffset(HostAndPort address) {
        try (Jedis jedis = new Jedis(address, FILLER_CLIENT)) {
            return replicationOffset(jedis);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long replicationOffset(Jedis jedis) {
        return jedis.info("replication").lines().filter(line -> line.startsWith("master_repl_offset:"))
                .map(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElse(-1L);
    }
}
