package aftershock.gatling;

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
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/**
 * Gatling chains whose every request is also recorded by Aftershock, and the standard endpoint mix.
 *
 * <pre>
 *   Requests requests = new Requests(recording, true, Duration.ofSeconds(5), paths, token::value);
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
    private final Supplier<String> token;
    private final Watch watch;

    /**
     * @param recordingOn false only to measure the recording's own overhead: the requests then go to Gatling alone
     * @param token       the current bearer token, read each time a virtual user starts
     */
    public Requests(Recording recording, boolean recordingOn, Duration requestTimeout, TargetPaths paths,
                    Supplier<String> token) {
        this(recording, recordingOn, requestTimeout, paths, token, Watch.NONE);
    }

    /**
     * @param watch told of every request sent, and asked whether a KO was the generator's own: a KO on the
     *              generator's side is counted there, never in the recording as the target's error
     */
    public Requests(Recording recording, boolean recordingOn, Duration requestTimeout, TargetPaths paths,
                    Supplier<String> token, Watch watch) {
        this.watch = watch;
        this.recording = recording;
        this.recordingOn = recordingOn;
        this.requestTimeout = requestTimeout;
        this.paths = paths;
        this.token = token;
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

    /** Puts the current bearer token into the virtual user's session as {@code #{token}}. */
    public ChainBuilder authenticated() {
        return exec(session -> session.set("token", token.get()));
    }

    /** The standard endpoints, by the names used in {@code mix} settings. */
    public Map<String, ChainBuilder> endpoints() {
        Map<String, ChainBuilder> endpoints = new LinkedHashMap<>();
        endpoints.put("jwt-status", request("jwt status", http("jwt status").get(paths.jwtStatus())
                .header("Authorization", "Bearer #{token}")));
        endpoints.put("agents", request("agents", http("agents").get(paths.agents())
                .header("Authorization", "Bearer #{token}")));
        endpoints.put("api-keys", request("api keys", http("api keys").get(paths.apiKeys())
                .header("Authorization", "Bearer #{token}")));
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
