package aftershock.probes;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.client.PreflightException;
import aftershock.client.TargetPaths;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * The leader probe's two sources, as {@code aftershock.leader} names them: who leads (a Redis key, an HTTP answer or
 * a Kubernetes Lease) and where the leader job's runs are recorded (a Redis list or an HTTP endpoint). Closing it
 * closes the clients it opened.
 *
 * <pre>
 *   try (LeaderSources leader = LeaderSources.fromSettings(settings.section("leader"), "127.0.0.1:6379", baseUrl,
 *           http, load::identity, "staging")) {
 *       Optional&lt;String&gt; now = leader.holder().current();
 *   }
 * </pre>
 */
public final class LeaderSources implements AutoCloseable {

    private final LeaderHolder holder;
    private final JobRuns runs;
    private final List<AutoCloseable> clients;

    private LeaderSources(LeaderHolder holder, JobRuns runs, List<AutoCloseable> clients) {
        this.holder = holder;
        this.runs = runs;
        this.clients = clients;
    }

    /** Who leads now. */
    public LeaderHolder holder() {
        return holder;
    }

    /** The leader job's recorded runs. */
    public JobRuns runs() {
        return runs;
    }

    /**
     * Builds both sources from {@code leader} ({@code aftershock.leader}). {@code targetRedis} is used when
     * {@code redis-address} is empty; relative URLs are under {@code baseUrl}; {@code namespace} is the Lease's.
     *
     * @throws ConfigurationException when a source is unknown or lacks what it needs
     */
    public static LeaderSources fromSettings(Settings leader, String targetRedis, URI baseUrl, Http http,
                                             Supplier<? extends Credentials> credentials, String namespace) {
        List<AutoCloseable> clients = new ArrayList<>();
        String address = leader.string("redis-address").isBlank() ? targetRedis : leader.string("redis-address").trim();
        JobRunFields fields = new JobRunFields(leader.string("holder-field"), leader.string("at-field"), leader.string("term-field"));
        String holderSource = leader.string("holder-source").trim();
        String runsSource = leader.string("runs-source").trim();
        RedisClient redis = holderSource.equals("redis") || runsSource.equals("redis") ? redis(address, clients) : null;
        LeaderHolder holder = switch (holderSource) {
            case "redis" -> new RedisLeaderKey(redis, leader.string("holder-key"), address);
            case "http" -> new HttpLeader(http, url(baseUrl, leader.string("holder-url")), leader.string("holder-pointer"), credentials);
            case "lease" -> lease(leader.string("lease-name"), namespace, clients);
            default -> throw new ConfigurationException("aftershock.leader.holder-source is '" + holderSource
                    + "': write redis (a key naming the holder), http (a GET answering it) or lease (a Kubernetes Lease)");
        };
        JobRuns runs = switch (runsSource) {
            case "redis" -> new RedisJobRuns(redis, leader.string("runs-key"), fields, address);
            case "http" -> new HttpJobRuns(http, url(baseUrl, leader.string("runs-url")), leader.string("runs-pointer"), fields,
                    credentials);
            default -> throw new ConfigurationException("aftershock.leader.runs-source is '" + runsSource
                    + "': write redis (a list of JSON runs) or http (a GET answering them)");
        };
        return new LeaderSources(holder, runs, clients);
    }

    /**
     * Reads both sources once, before any load.
     *
     * @throws PreflightException with what could not be read and which setting names it
     */
    public LeaderSources checked() {
        try {
            holder.current();
        } catch (RuntimeException e) {
            throw new PreflightException("cannot read who leads from " + holder.describe() + " (" + e.getMessage()
                    + "): check aftershock.leader.holder-source and the setting it names");
        }
        try {
            runs.since(Instant.now());
        } catch (RuntimeException e) {
            throw new PreflightException("cannot read the leader job's runs from " + runs.describe() + " (" + e.getMessage()
                    + "): check aftershock.leader.runs-source and the setting it names");
        }
        return this;
    }

    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing a client the run no longer needs; nothing to restore.
            }
        }
    }

    private static RedisClient redis(String address, List<AutoCloseable> clients) {
        if (address == null || address.isBlank()) {
            throw new ConfigurationException("the leader probe reads Redis, but no Redis address is known: set"
                    + " aftershock.leader.redis-address (or REDIS_ADDRESS) to host:port, or use holder-source = http and"
                    + " runs-source = http with holder-url and runs-url");
        }
        HostAndPort hostAndPort;
        try {
            hostAndPort = HostAndPort.from(address);
        } catch (RuntimeException e) {
            throw new ConfigurationException("aftershock.leader.redis-address is '" + address + "': write host:port, e.g. 127.0.0.1:6379");
        }
        int timeoutMillis = (int) Duration.ofSeconds(1).toMillis();
        RedisClient client = RedisClient.builder().hostAndPort(hostAndPort).clientConfig(DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis).socketTimeoutMillis(timeoutMillis).serverDefaultProtocol().build()).build();
        clients.add(client);
        return client;
    }

    private static LeaderHolder lease(String name, String namespace, List<AutoCloseable> clients) {
        if (name.isBlank() || namespace == null || namespace.isBlank()) {
            throw new ConfigurationException("holder-source = lease needs aftershock.leader.lease-name and"
                    + " aftershock.kubernetes.namespace (found '" + name + "' in '" + namespace + "'): kubectl get leases -A lists them");
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        clients.add(client);
        return new LeaseHolder(client, namespace, name);
    }

    private static URI url(URI baseUrl, String url) {
        if (url.isBlank()) {
            throw new ConfigurationException("the leader probe's http source has no URL: set aftershock.leader.holder-url"
                    + " and aftershock.leader.runs-url (absolute, or a path under BASE_URL)");
        }
        return url.startsWith("http://") || url.startsWith("https://") ? URI.create(url) : TargetPaths.under(baseUrl, url);
    }
}
