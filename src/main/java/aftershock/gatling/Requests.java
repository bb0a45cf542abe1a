package aftershock.gatling;

import aftershock.auth.SignedIn;
import aftershock.auth.SignedInPool;
import aftershock.recording.Recording;
import aftershock.client.TargetPaths;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/**
 * Gatling chains whose every request is also recorded by Aftershock, and the endpoint mix: the built-in endpoints
 * and the user's own ({@link OwnEndpoint}).
 *
 * <pre>
 *   Requests requests = new Requests(recording, true, Duration.ofSeconds(5), paths, signedInPool, "127.0.0.1");
 *   ChainBuilder traffic = requests.mix(Map.of("jwt-status", 40, "health", 20));
 * </pre>
 */
public final class Requests {

    /** The built-in endpoints' names, as a mix weighs them. */
    public static final List<String> BUILT_IN = List.of("jwt-status", "agents", "api-keys", "health");

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
    private final Map<String, OwnEndpoint> own;

    /**
     * @param recordingOn  false only to measure the recording's own overhead: the requests then go to Gatling alone
     * @param signedIn     the signed-in identities; each virtual user takes the next one when it starts
     * @param cookieDomain the target's host, for the session cookies of mode cookie
     */
    public Requests(Recording recording, boolean recordingOn, Duration requestTimeout, TargetPaths paths,
                    SignedInPool signedIn, String cookieDomain) {
        this(recording, recordingOn, requestTimeout, paths, signedIn, cookieDomain, Watch.NONE, Map.of());
    }

    /**
     * @param watch told of every request sent, and asked whether a KO was the generator's own: a KO on the
     *              generator's side is counted there, never in the recording as the target's error
     * @param own   the user's own endpoints ({@link OwnEndpoint#all}), which a mix may weigh beside the built-in ones
     */
    public Requests(Recording recording, boolean recordingOn, Duration requestTimeout, TargetPaths paths,
                    SignedInPool signedIn, String cookieDomain, Watch watch, Map<String, OwnEndpoint> own) {
        this.watch = watch;
        this.own = Map.copyOf(own);
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

    /**
     * One request per virtual user, drawn with the given relative weights from the built-in endpoints and the user's
     * own ({@code aftershock.endpoints}). Only endpoints with a positive weight are built: one weighed 0 is never
     * sent and its path is never used.
     */
    public ChainBuilder mix(Map<String, Integer> weights) {
        List<String> known = new ArrayList<>(BUILT_IN);
        known.addAll(own.keySet());
        List<Choice.WithWeight> choices = new ArrayList<>();
        for (EndpointMix.Share share : EndpointMix.of(weights, known)) {
            choices.add(new Choice.WithWeight(share.percent(), endpoint(share.endpoint())));
        }
        return authenticated().randomSwitch().on(choices);
    }

    private ChainBuilder endpoint(String name) {
        return switch (name) {
            case "jwt-status" -> request("jwt status", signedIn(http("jwt status").get(paths.jwtStatus())));
            case "agents" -> request("agents", signedIn(http("agents").get(paths.agents())));
            case "api-keys" -> request("api keys", signedIn(http("api keys").get(paths.apiKeys())));
            case "health" -> request("health", http("health").get(paths.health()));
            default -> own(own.get(name));
        };
    }

    /**
     * An endpoint of the user's own, signed in: its placeholders filled once per request (the same {@code {id}} in
     * its path and body), then the request, OK only with its expected status.
     */
    private ChainBuilder own(OwnEndpoint endpoint) {
        String prefix = "aftershock.own." + endpoint.name() + ".";
        List<String> headerNames = List.copyOf(endpoint.headers().keySet());
        HttpRequestActionBuilder request = http(endpoint.name())
                .httpRequest(endpoint.method(), session -> session.getString(prefix + "path"));
        if (!endpoint.body().isEmpty()) {
            request = request.body(StringBody(session -> session.getString(prefix + "body")));
        }
        for (int i = 0; i < headerNames.size(); i++) {
            String key = prefix + "header" + i;
            request = request.header(headerNames.get(i), session -> session.getString(key));
        }
        request = request.check(status().is(endpoint.status()));
        return exec(session -> {
            Template.Values values = endpoint.nextValues();
            session = session.set(prefix + "path", endpoint.path().fill(values))
                    .set(prefix + "body", endpoint.body().fill(values));
            for (int i = 0; i < headerNames.size(); i++) {
                session = session.set(prefix + "header" + i, endpoint.headers().get(headerNames.get(i)).fill(values));
            }
            return session;
        }).exec(request(endpoint.name(), signedIn(request)));
    }
}
