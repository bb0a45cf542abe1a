package aftershock.frontdoor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One address in front of the replicas, as an L7 ingress (a Kubernetes Service behind an ingress controller)
 * would be: a reverse proxy (Vert.x http-proxy, WebSocket upgrades included) that sends each request to the next
 * replica of its health-checked {@link Rotation} (failing open when none is ready). No retries by default: a request sent to a replica that dies
 * fails as the user would see it. With {@code retryOnRefused}, a refused connection is tried once on another
 * replica. A {@link SidePort} sends one path (the agents' WebSockets) to another port of the picked replica.
 *
 * <pre>
 *   try (FrontDoor door = FrontDoor.start(List.of(replica0, replica1), FrontDoorOptions.defaults())) {
 *       URI baseUrl = door.url();   // http://127.0.0.1:&lt;port&gt;/
 *   }
 * </pre>
 */
public final class FrontDoor implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(FrontDoor.class);

    private final FrontDoorOptions options;
    private final Rotation rotation;
    private final Clock clock;
    private final Vertx vertx;
    private final HttpClient checks;
    private final Set<InetSocketAddress> checking = ConcurrentHashMap.newKeySet();
    private final Optional<SidePort> sidePort;
    private final Map<String, InetSocketAddress> pins = new ConcurrentHashMap<>();
    private HttpServer server;
    private long timer = -1;

    private FrontDoor(List<InetSocketAddress> backends, FrontDoorOptions options, Optional<SidePort> sidePort, Clock clock) {
        this.options = options;
        this.sidePort = sidePort;
        this.clock = clock;
        this.rotation = new Rotation(backends, options.deregistrationDelay());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.checks = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
                .setConnectTimeout((int) options.checkTimeout().toMillis()));
    }

    /** Starts the front door on a free port of 127.0.0.1, every backend in rotation. */
    public static FrontDoor start(List<InetSocketAddress> backends, FrontDoorOptions options) {
        return start(backends, options, Optional.empty());
    }

    /** Starts the front door on a free port of 127.0.0.1, every backend in rotation, {@code sidePort} routed apart. */
    public static FrontDoor start(List<InetSocketAddress> backends, FrontDoorOptions options, Optional<SidePort> sidePort) {
        FrontDoor door = new FrontDoor(backends, options, sidePort, Clock.systemUTC());
        try {
            door.listen();
            return door;
        } catch (RuntimeException e) {
            door.close();
            throw e;
        }
    }

    private void listen() {
        HttpClient origins = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        HttpProxy proxy = HttpProxy.reverseProxy(origins).origin(this::originRequest);
        try {
            server = vertx.createHttpServer().requestHandler(proxy).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the front door could not listen on 127.0.0.1 (a free port): "
                    + e.getMessage() + "; check that loopback is usable", e);
        }
        timer = vertx.setPeriodic(options.checkInterval().toMillis(), id -> rotation.backends().forEach(this::check));
        logger.info("front door {} in front of {} (checks {} every {} ms, deregistration after {} ms, {})", url(),
                rotation.backends(), options.readyPath(), options.checkInterval().toMillis(),
                options.deregistrationDelay().toMillis(), options.retryOnRefused() ? "retry on refused" : "no retries");
    }

    private Future<HttpClientRequest> originRequest(ProxyContext context) {
        String uri = context.request().getURI();
        if (sidePort.isPresent() && sidePort.get().routes(uri)) {
            return sideRequest(context, sidePort.get(), uri);
        }
        InetSocketAddress first = rotation.next();
        return connect(context, first).recover(failure -> {
            if (!refused(failure)) {
                return Future.failedFuture(failure);
            }
            rotation.failed(first, clock.instant());
            Optional<InetSocketAddress> other = options.retryOnRefused() ? rotation.nextOtherThan(first) : Optional.empty();
            return other.isPresent() ? connect(context, other.get()) : Future.failedFuture(failure);
        });
    }

    private Future<HttpClientRequest> sideRequest(ProxyContext context, SidePort side, String uri) {
        Optional<String> pin = side.pin(uri);
        InetSocketAddress backend = pin.map(p -> pins.computeIfAbsent(p, any -> rotation.next())).orElseGet(rotation::next);
        return connect(context, side.of(backend)).onFailure(failure -> {
            if (refused(failure)) {
                rotation.failed(backend, clock.instant());
            }
        });
    }

    private static Future<HttpClientRequest> connect(ProxyContext context, InetSocketAddress to) {
        return context.client().request(new RequestOptions().setServer(SocketAddress.inetSocketAddress(to)));
    }

    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private void check(InetSocketAddress backend) {
        if (!checking.add(backend)) {
            return; // the previous check of this replica has not answered yet
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(backend)).setURI(options.readyPath())
                .setTimeout(options.checkTimeout().toMillis());
        checks.request(request)
                .compose(r -> r.send().compose(response -> response.body().map(body -> response.statusCode())))
                .onComplete(result -> {
                    checking.remove(backend);
                    if (result.succeeded() && result.result() == 200) {
                        rotation.ready(backend);
                    } else {
                        rotation.failed(backend, clock.instant());
                    }
                });
    }

    /** The address users (and the load) send to: http://127.0.0.1:&lt;port&gt;/. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/");
    }

    /** Which replicas the front door sends to now. */
    public Rotation rotation() {
        return rotation;
    }

    public FrontDoorOptions options() {
        return options;
    }

    /** Stops checking and listening. Idempotent. */
    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            logger.warn("front door did not close within 10 s: {}", e.getMessage());
        }
    }
}
