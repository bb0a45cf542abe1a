package aftershock.gatling;

import aftershock.auth.SignedIn;
import aftershock.auth.SignedInPool;
import aftershock.config.ConfigurationException;
import aftershock.recording.Recording;
import aftershock.client.TargetPaths;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/**
 * Gatling chains whose every request is also recorded by Aftershock, and the standard endpoint mix.
 *
 * <pre>
 *   Requests requests = new Requests(recording, true, Duration.ofSeconds(5), paths, signedInPool, "127.0.0.1");
 *   ChainBuilder traffic = requests.mix(Map.of("jwt-status", 40, "health", 20));
 * </pre>
 */
public final class Requests {

    private static final String RT = "aftershock.rt";
    private static final String T0 = "aftershock.t0";
    private static final String ARRIVED = "aftershock.arrived";

    /** What the load generator learns about itself from each request: see {@code aftershock.generator}. */
    public interface Watch {
        /** A request is being sent; {@code firstOfUser} when it is its virtual user's first. */
        void sending(boolean firstOfUser);

        /** True, and counted as the generator's, when that user's request just failed on the generator's side. */
        boolean failedOnGeneratorSide(long userId);

        /** Watches nothing. */
        Watch NONE = new Watch() {
            @Override
            public void sending(boolean firstOfUser) {
            }

            @Override
            public boolean failedOnGeneratorSide(long userId) {
                return false;
            }
        };
    }

    private final Recording recording;
    private final boolean recordingOn;
    private final Duration requestTimeout;
    private final TargetPaths paths;
    private final SignedInPool signedIn;
    private final List<String> headerNames;
    private final List<String> cookieNames;
    private final String cookieDomain;
    private final Watch watch;

    /**
     * @param recordingOn  false only to measure the recording's own overhead: the requests then go to Gatling alone
     * @param signedIn     the signed-in identities; each virtual user takes the next one when it starts
     * @param cookieDomain the target's host, for the session cookies of mode cookie
     */
    public Requests(Recording recording, boolean recordingOn, Duration requestTimeout, TargetPaths paths,
                    SignedInPool signedIn, String cookieDomain) {
        this(recording, recordingOn, requestTimeout, paths, signedIn, cookieDomain, Watch.NONE);
    }

    /**
     * @param watch told of every request sent, and asked whether a KO was the generator's own: a KO on the
     *              generator's side is counted there, never in the recording as the target's error
     */
    public Requests(Recording recording, boolean recordingOn, Duration requestTimeout, TargetPaths paths,
                    SignedInPool signedIn, String cookieDomain, Watch watch) {
        this.watch = watch;
        this.recording = recording;
        this.recordingOn = recordingOn;
        this.requestTimeout = requestTimeout;
        this.paths = paths;
        this.signedIn = signedIn;
        this.headerNames = List.copyOf(signedIn.first().headers().keySet());
        this.cookieNames = List.copyOf(signedIn.first().cookies().keySet());
        this.cookieDomain = cookieDomain;
    }

    /**
     * A request recorded by Aftershock: its response time and outcome go into our histograms; a request
     * that got no response counts as KO with the time it took to fail.
     */
    public ChainBuilder request(String name, HttpRequestActionBuilder request) {
        HttpRequestActionBuilder timed = request.requestTimeout(requestTimeout);
        if (!recordingOn) {
            return exec(timed);
        }
        return exec(session -> {
                    watch.sending(!session.contains(ARRIVED));
                    return session.set(T0, System.nanoTime()).set(ARRIVED, true);
                })
                .exec(timed.check(responseTimeInMillis().saveAs(RT)))
                .exec(session -> {
                    long millis = session.contains(RT) ? session.getLong(RT)
                            : (System.nanoTime() - session.getLong(T0)) / 1_000_000;
                    if (!session.isFailed() || !watch.failedOnGeneratorSide(session.userId())) {
                        recording.record(name, millis, !session.isFailed());
                    }
                    return session.remove(RT).remove(T0).markAsSucceeded();
                });
    }

    /**
     * Hands the virtual user the next signed-in identity: its session cookies go into the user's cookie jar, its
     * headers (bearer token, API key, CSRF token) into the session for {@link #signedIn}, and a bearer token also
     * into {@code #{token}}.
     */
    public ChainBuilder authenticated() {
        ChainBuilder chain = exec(session -> {
            SignedIn identity = signedIn.next();
            for (int i = 0; i < headerNames.size(); i++) {
                session = session.set("authHeader" + i, identity.headers().getOrDefault(headerNames.get(i), ""));
            }
            for (int i = 0; i < cookieNames.size(); i++) {
                session = session.set("authCookie" + i, identity.cookies().getOrDefault(cookieNames.get(i), ""));
            }
            return session.set("token", identity.accessToken());
        });
        for (int i = 0; i < cookieNames.size(); i++) {
            chain = chain.exec(addCookie(Cookie(cookieNames.get(i), "#{authCookie" + i + "}").withDomain(cookieDomain)));
        }
        return chain;
    }

    /** {@code request} with the signed-in identity's headers, put into the session by {@link #authenticated()}. */
    public HttpRequestActionBuilder signedIn(HttpRequestActionBuilder request) {
        HttpRequestActionBuilder withHeaders = request;
        for (int i = 0; i < headerNames.size(); i++) {
            withHeaders = withHeaders.header(headerNames.get(i), "#{authHeader" + i + "}");
        }
        return withHeaders;
    }

    /** The standard endpoints, by the names used in {@code mix} settings. */
    public Map<String, ChainBuilder> endpoints() {
        Map<String, ChainBuilder> endpoints = new LinkedHashMap<>();
        endpoints.put("jwt-status", request("jwt status", signedIn(http("jwt status").get(paths.jwtStatus()))));
        endpoints.put("agents", request("agents", signedIn(http("agents").get(paths.agents()))));
        endpoints.put("api-keys", request("api keys", signedIn(http("api keys").get(paths.apiKeys()))));
        endpoints.put("health", request("health", http("health").get(paths.health())));
        return endpoints;
    }

    /** One request per virtual user, drawn from the standard endpoints with the given relative weights. */
    public ChainBuilder mix(Map<String, Integer> weights) {
        Map<String, ChainBuilder> endpoints = endpoints();
        double total = weights.values().stream().mapToInt(Integer::intValue).sum();
        List<Choice.WithWeight> choices = new ArrayList<>();
        double left = 100.0;
        for (Map.Entry<String, Integer> weight : weights.entrySet()) {
            ChainBuilder endpoint = endpoints.get(weight.getKey());
            if (endpoint == null) {
                throw new ConfigurationException("unknown endpoint '" + weight.getKey() + "' in a mix: use "
                        + String.join(", ", endpoints.keySet()));
            }
            if (weight.getValue() > 0) {
                // Floor to 1e-6 so rounding never sums past 100 %, which Gatling refuses.
                double percent = Math.min(left, Math.floor(1e8 * weight.getValue() / total) / 1e6);
                choices.add(new Choice.WithWeight(percent, endpoint));
                left -= percent;
            }
        }
        return authenticated().randomSwitch().on(choices);
    }
}
