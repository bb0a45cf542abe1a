package aftershock.probes;

import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** The leader named by a Redis key's value (a lock with a lease: {@code SET key holder NX PX lease}). */
public final class RedisLeaderKey implements LeaderHolder {

    private final UnifiedJedis redis;
    private final String key;
    private final String where;

    /** {@code where} names the Redis for messages ("127.0.0.1:6379"). */
    public RedisLeaderKey(UnifiedJedis redis, String key, String where) {
        this.redis = redis;
        this.key = key;
        this.where = where;
    }

    @Override
    public Optional<String> current() {
        return Optional.ofNullable(redis.get(key)).filter(holder -> !holder.isBlank());
    }

    @Override
    public String describe() {
        return "Redis key " + key + " on " + where;
    }
}
