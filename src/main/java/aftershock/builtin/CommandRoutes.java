package aftershock.builtin;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The replica's subscription to {@code aftershock:agent-commands:<replica>}: commands published by other replicas for
 * agents connected here. Subscribed again whenever the connection is lost, so it comes back after Redis restarts
 * (empty or not), after which {@code subscribedAgain} runs. In Sentinel mode it subscribes on the master the Sentinels
 * name, asked again at each subscription, so after a failover it follows the new master.
 */
final class CommandRoutes implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(CommandRoutes.class);
    private static final long RESUBSCRIBE_MILLIS = 250;

    private final TargetConfig config;
    private final BiPredicate<String, Map<String, Object>> deliver;
    private final Runnable subscribedAgain;
    private final Thread thread;
    private volatile boolean closed;
    private volatile JedisPubSub subscription;

    CommandRoutes(TargetConfig config, BiPredicate<String, Map<String, Object>> deliver, Runnable subscribedAgain) {
        this.config = config;
        this.deliver = deliver;
        this.subscribedAgain = subscribedAgain;
        this.thread = new Thread(this::subscribeForever, "agent-commands");
        this.thread.setDaemon(true);
    }

    /** The channel of one replica's commands. */
    static String channel(String replicaId) {
        return "aftershock:agent-commands:" + replicaId;
    }

    void start() {
        thread.start();
    }

    /** Standalone: its address. Sentinel: the master the first Sentinel that answers names now. */
    private HostAndPort master() {
        if (config.redis() != null) {
            return config.redis();
        }
        for (HostAndPort sentinel : config.sentinels()) {
            try (Jedis jedis = new Jedis(sentinel, DefaultJedisClientConfig.builder().connectionTimeoutMillis(250)
                    .socketTimeoutMillis(500).build())) {
                List<String> master = jedis.sentinelGetMasterAddrByName(config.masterName());
                if (master != null && master.size() == 2) {
                    return new HostAndPort(master.get(0), Integer.parseInt(master.get(1)));
                }
            } catch (JedisException e) {
                logger.debug("{}: Sentinel {} did not name the master: {}", config.replicaId(), sentinel, e.getMessage());
            }
        }
        throw new JedisConnectionException("no Sentinel of " + config.sentinels() + " names master " + config.masterName());
    }

    private void subscribeForever() {
        boolean lost = false;
        while (!closed) {
            // Its own connection, without a read timeout: a subscriber waits for messages as long as it takes.
            try (Jedis jedis = new Jedis(master(), DefaultJedisClientConfig.builder().connectionTimeoutMillis(250)
                    .socketTimeoutMillis(0).serverDefaultProtocol().clientName(config.replicaId() + "-commands").build())) {
                boolean again = lost;
                JedisPubSub pubSub = new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        route(message);
                    }

                    @Override
                    public void onSubscribe(String channel, int subscribedChannels) {
                        if (again) {
                            subscribedAgain.run();
                        }
                    }
                };
                subscription = pubSub;
                if (lost) {
                    logger.info("{}: subscribed again to {}", config.replicaId(), channel(config.replicaId()));
                }
                jedis.subscribe(pubSub, channel(config.replicaId()));
            } catch (RuntimeException e) {
                if (!lost && !closed) {
                    logger.warn("{}: command subscription lost, subscribing again: {}", config.replicaId(), e.getMessage());
                }
                lost = true;
            }
            pause();
        }
    }

    private void route(String message) {
        try {
            Map<String, Object> command = JsonHttp.JSON.readValue(message, new TypeReference<Map<String, Object>>() { });
            if (!deliver.test(String.valueOf(command.get("agent")), command)) {
                logger.info("{}: command for {} arrived, but the agent is not connected here", config.replicaId(), command.get("agent"));
            }
        } catch (IOException e) {
            logger.warn("{}: unreadable command {}: {}", config.replicaId(), message, e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(RESUBSCRIBE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub current = subscription;
        if (current != null && current.isSubscribed()) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) {
                logger.debug("unsubscribe failed: {}", e.toString());
            }
        }
        thread.interrupt();
    }
}
