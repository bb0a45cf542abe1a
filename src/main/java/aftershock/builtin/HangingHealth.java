package aftershock.builtin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hanging-health defect: until {@code hangFor} after the kill that preceded this process, and while Redis is
 * down, GET /health and /ready are accepted and never answered, as a replica stuck in its start-up or blocked on
 * its Redis connection would; every other path is served.
 * When the hang ends, each held request gets a 503 (a request caught in the hang fails, late; a dropped
 * connection would be retried by HTTP clients and answered OK), and from then on both paths answer.
 * Held exchanges take no worker thread, so the rest of the replica is unaffected.
 */
final class HangingHealth implements HttpHandler {

    private static final Logger logger = LoggerFactory.getLogger(HangingHealth.class);
    private static final Set<String> HANGING_PATHS = Set.of("/health", "/ready");
    private static final Duration RELEASE_CHECK = Duration.ofMillis(100);

    private final HttpHandler next;
    private final BooleanSupplier hanging;
    private final List<HttpExchange> held = new ArrayList<>();
    private boolean over;

    private HangingHealth(HttpHandler next, BooleanSupplier hanging) {
        this.next = next;
        this.hanging = hanging;
    }

    /** Wraps {@code next}; logs the kill and the instant health will answer again, and ends the hang on time. */
    static HttpHandler wrap(HttpHandler next, String replicaId, Instant killedAt, Duration hangFor,
                            ScheduledExecutorService scheduler) {
        Instant until = killedAt.plus(hangFor);
        Clock clock = Clock.systemUTC();
        HangingHealth hanging = new HangingHealth(next, () -> clock.instant().isBefore(until));
        logger.info("{}: hanging-health defect: killed at {}, /health and /ready hang until {} ({} ms after the kill)",
                replicaId, killedAt, until, hangFor.toMillis());
        long delayMillis = Math.max(0, Duration.between(Instant.now(), until).toMillis());
        scheduler.schedule(() -> hanging.end(replicaId, killedAt), delayMillis, TimeUnit.MILLISECONDS);
        return hanging;
    }

    /**
     * Wraps {@code next}: /health and /ready hang while {@code redisDown} says so (the heartbeat's view, so from up to
     * a second after Redis died); the held requests get a 503 once it is back.
     */
    static HttpHandler whileRedisDown(HttpHandler next, String replicaId, BooleanSupplier redisDown,
                                      ScheduledExecutorService scheduler) {
        HangingHealth hanging = new HangingHealth(next, redisDown);
        scheduler.scheduleWithFixedDelay(() -> {
            if (!redisDown.getAsBoolean()) {
                hanging.release(replicaId);
            }
        }, RELEASE_CHECK.toMillis(), RELEASE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        return hanging;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (HANGING_PATHS.contains(exchange.getRequestURI().getPath())) {
            synchronized (held) {
                if (!over && hanging.getAsBoolean()) {
                    held.add(exchange);
                    return;
                }
            }
        }
        next.handle(exchange);
    }

    private void end(String replicaId, Instant killedAt) {
        List<HttpExchange> dropped;
        Instant servingAt;
        synchronized (held) {
            over = true;
            servingAt = Instant.now();
            dropped = new ArrayList<>(held);
            held.clear();
        }
        logger.info("{}: hanging-health defect: serving /health and /ready again at {} ({} ms after the kill at {})",
                replicaId, servingAt, Duration.between(killedAt, servingAt).toMillis(), killedAt);
        answer(dropped);
    }

    private void release(String replicaId) {
        List<HttpExchange> dropped;
        synchronized (held) {
            if (held.isEmpty()) {
                return;
            }
            dropped = new ArrayList<>(held);
            held.clear();
        }
        logger.info("{}: hanging-health defect: Redis is back, answering {} held /health and /ready requests",
                replicaId, dropped.size());
        answer(dropped);
    }

    private static void answer(List<HttpExchange> dropped) {
        for (HttpExchange exchange : dropped) {
            try {
                JsonHttp.send(exchange, JsonHttp.Reply.json(503, Map.of("error", "hung",
                        "error_description", "caught in the hanging-health defect's hang")));
            } catch (IOException | RuntimeException gone) {
                // the client gave up on it long ago: nothing to answer
                exchange.close();
            }
        }
    }
}
