package aftershock.supervisor;

/** How the built-in target reaches Redis. */
public enum RedisMode {
    /** One redis-server; the client is a Jedis {@code RedisClient}. */
    STANDALONE,
    /** Master, replica and three Sentinels; the client is a Jedis {@code RedisSentinelClient}. */
    SENTINEL
}
