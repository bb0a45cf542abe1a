package aftershock.redis;

import java.time.Instant;
import redis.clients.jedis.HostAndPort;

/**
 * A Redis node that a fault SIGKILLed.
 *
 * @param address   where it listened
 * @param pid       the process that was killed
 * @param killedAt  when the kill was sent
 */
public record KilledNode(HostAndPort address, long pid, Instant killedAt) {

    /** "redis-server pid 4242 (127.0.0.1:6390)". */
    public String describe() {
        return "redis-server pid " + pid + " (" + address + ")";
    }
}
