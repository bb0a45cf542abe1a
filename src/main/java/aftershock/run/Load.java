package aftershock.run;

import aftershock.gatling.Requests;
import aftershock.recording.IntervalLog;
import aftershock.recording.Recording;
import aftershock.recording.Ticker;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The load of a run: Gatling's HTTP protocol over the target's base URLs, requests that Aftershock records itself
 * (response time and outcome into its histograms and interval log), the standard endpoint mix, and the bearer
 * token, renewed in the background.
 *
 * <pre>
 *   ChainBuilder mixedEndpoints = load.mix(settings.weights("mix"));
 *   ChainBuilder login = load.request("login", http("login").post(paths().login()));
 * </pre>
 */
public final class Load {

    private static final String RECORDING_PROPERTY = "aftershock.recording";

    private final Run run;
    private final Recording recording = new Recording(Clock.systemUTC());
    private final boolean recordingOn = !"false".equals(System.getProperty(RECORDING_PROPERTY));
    private final Requests requests;
    private volatile Instant startedAt;
    private volatile Path intervalLogFile;
    private Ticker ticker;
    private IntervalLog intervalLog;

    Load(Run run) {
        this.run = run;
        this.requests = new Requests(recording, recordingOn, run.requestTimeout(), run.paths(), run.token()::value);
    }

    /** Gatling's HTTP protocol: round-robin over the target's base URLs (one per built-in replica). */
    public HttpProtocolBuilder protocol() {
        return http.baseUrls(run.target().baseUrls().stream().map(URI::toString).toList())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .shareConnections()
                .warmUp(run.target().baseUrls().get(0).resolve(run.paths().health()).toString());
    }

    /**
     * A request recorded by Aftershock: its response time and outcome go into our histograms; a request
     * that got no response counts as KO with the time it took to fail.
     */
    public ChainBuilder request(String name, HttpRequestActionBuilder request) {
        return requests.request(name, request);
    }

    /** Puts the current bearer token into the virtual user's session as {@code #{token}}. */
    public ChainBuilder authenticated() {
        return requests.authenticated();
    }

    /** One request per virtual user, drawn from the standard endpoints with the given relative weights. */
    public ChainBuilder mix(Map<String, Integer> weights) {
        return requests.mix(weights);
    }

    /** The current bearer token, for probes and checks that call the target beside the load. */
    public String token() {
        return run.token().value();
    }

    /** Second 0 of the run: the recording, its one-second ticks and the interval log start. */
    synchronized void start() {
        startedAt = Instant.now();
        ticker = Ticker.start(recording, Duration.ofSeconds(1));
        intervalLogFile = Path.of("target", "aftershock",
                run.simulation().toLowerCase(Locale.ROOT) + "-" + startedAt.toEpochMilli() + ".hlog");
        intervalLog = IntervalLog.create(intervalLogFile, recording.startedAt());
        recording.addListener(intervalLog);
    }

    /** Stops the ticks and closes the interval log; safe to call twice. */
    synchronized void stop() {
        if (ticker != null) {
            ticker.close();
            ticker = null;
        }
        if (intervalLog != null) {
            intervalLog.close();
            intervalLog = null;
        }
    }

    /** False only with {@code -Daftershock.recording=false}, to measure the recording's own overhead. */
    boolean recordingOn() {
        return recordingOn;
    }

    Recording recording() {
        return recording;
    }

    /** When the load started, or now when it never did. */
    Instant startedAt() {
        return startedAt == null ? Instant.now() : startedAt;
    }

    /** The interval log's file, or null before the load started. */
    Path intervalLogFile() {
        return intervalLogFile;
    }
}
