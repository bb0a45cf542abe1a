package aftershock.probes;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisSentinelClient;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.waiting.Wait;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Writes through Sentinel as a client would, as a recovery probe: each check is one SET to whatever master
 * Sentinel names, OK when acknowledged. It measures when writes resume; what a failover loses is judged by
 * {@link ContinuousWrites}, through the service itself.
 *
 * <pre>
 *   try (SentinelWrites writes = new SentinelWrites(sentinels, "aftershock")) {
 *       Probe probe = writes.probe();
 *   }
 * </pre>
 */
public final class SentinelWrites implements AutoCloseable {

    private final RedisSentinelClient client;
    private final String prefix = "aftershock:write:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final AtomicInteger attempted = new AtomicInteger();

    public SentinelWrites(Set<HostAndPort> sentinels, String masterName) {
        JedisClientConfig config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(250)
                .socketTimeoutMillis(250).serverDefaultProtocol().build();
        this.client = RedisSentinelClient.builder().masterName(masterName).sentinels(new LinkedHashSet<>(sentinels))
                .clientConfig(config).sentinelClientConfig(config).build();
    }

    /**
     * Writes through the user's own Sentinels, {@code aftershock.target.sentinels} ("host:port,host:port") and
     * {@code master-name}; either missing or malformed is one line saying what to set.
     */
    public static SentinelWrites fromSettings(Settings target) {
        String sentinels = target.string("sentinels").trim();
        String masterName = target.string("master-name").trim();
        if (sentinels.isEmpty() || masterName.isEmpty()) {
            throw new ConfigurationException("SentinelFailover on your own system writes through your Sentinels: set"
                    + " aftershock.target.sentinels to their addresses (host:port,host:port) and aftershock.target.master-name"
                    + " to the master's name (SENTINEL masters lists it); found sentinels '" + sentinels
                    + "' and master-name '" + masterName + "'");
        }
        Set<HostAndPort> addresses = new LinkedHashSet<>();
        for (String address : sentinels.split(",")) {
            String text = address.trim();
            int colon = text.lastIndexOf(':');
            try {
                if (colon <= 0) {
                    throw new NumberFormatException("no port");
                }
                addresses.add(new HostAndPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("aftershock.target.sentinels holds '" + text + "', not host:port: write"
                        + " each Sentinel's address, comma-separated, like 10.0.0.7:26379,10.0.0.8:26379");
            }
        }
        return new SentinelWrites(addresses, masterName);
    }

    /** A probe whose every check is one acknowledged-or-not write through Sentinel. */
    public Probe probe() {
        return Probes.of("SET through Sentinel", this::writeOnce);
    }

    /**
     * The same probe, whose checks first wait (up to {@code atMost}) until {@code happened}: for a fault that takes a
     * while before its kill, so that no write acknowledged by the master before it dies counts as a recovery.
     */
    public Probe probeOnce(String what, BooleanSupplier happened, Duration atMost) {
        return Probes.of("SET through Sentinel once " + what, () -> {
            Wait.forValue(what, happened::getAsBoolean, Boolean::booleanValue).atMost(atMost)
                    .pollInterval(Duration.ofMillis(10)).awaitOutcome();
            return writeOnce();
        });
    }

    private boolean writeOnce() {
        int n = attempted.incrementAndGet();
        String key = prefix + n;
        String value = Integer.toString(n);
        client.set(key, value);
        return true;
    }

    @Override
    public void close() {
        client.close();
    }
}
