package aftershock.run;

import aftershock.auth.AuthMode;
import aftershock.auth.SignedIn;
import aftershock.client.TargetPaths;
import aftershock.distributed.InjectorReport;
import aftershock.gatling.InjectionPeak;
import aftershock.gatling.InjectionPlan;
import aftershock.gatling.OwnEndpoint;
import aftershock.gatling.InjectionSplit;
import aftershock.gatling.Requests;
import aftershock.probes.DataIdentities;
import aftershock.recording.IntervalLog;
import aftershock.recording.Recording;
import aftershock.recording.Ticker;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The load of a run: Gatling's HTTP protocol over the target's base URLs, requests that Aftershock records itself
 * (response time and outcome into its histograms and interval log), the endpoint mix (the built-in endpoints and
 * the user's own, {@code aftershock.endpoints}), and the signed-in identities of {@code aftershock.target.auth.mode}.
 * A heavy injection profile warms up first ({@link #warmedUp}, {@link WarmUp}).
 * With {@code aftershock.injectors=N} each injector injects its share of the profile ({@link InjectionSplit}).
 *
 * <pre>
 *   ChainBuilder mixedEndpoints = load.mix(settings.weights("mix"));
 *   ChainBuilder addToCart = load.authenticated()
 *           .exec(load.request("add to cart", load.signedIn(http("add to cart").put("/api/carts/#{cart}"))));
 *   PopulationBuilder users = load.warmedUp(scenario("users").exec(addToCart), constantUsersPerSec(2000).during(60));
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
    private volatile Duration warmUp = Duration.ZERO;
    private volatile String warmUpReason;
    private Ticker ticker;
    private IntervalLog intervalLog;
    private final GeneratorWatch generator;

    Load(Run run) {
        this.run = run;
        this.generator = new GeneratorWatch(run);
        this.requests = new Requests(recording, recordingOn, run.requestTimeout(), run.paths(), run.signedIn(),
                run.target().baseUrls().get(0).getHost(), generator,
                OwnEndpoint.all(run.settings(), Requests.BUILT_IN, OwnEndpoint.GATLING_CSV));
    }

    /** The load generator watching itself: its plan, the probe, its descriptors, its own KOs. */
    GeneratorWatch generator() {
        return generator;
    }

    /**
     * Gatling's HTTP protocol: round-robin over the target's base URLs (one per built-in replica), one connection
     * pool shared by all virtual users, and {@code aftershock.target.max-connections} as Gatling's
     * {@code maxConnectionsPerHost} (0: not set). Gatling 3.15 applies that to each user's own resource fetches, so
     * the shared pool opens a connection whenever none is free: it is not a bound on the load's connections.
     */
    public HttpProtocolBuilder protocol() {
        int maxConnections = run.settings().section("target").nonNegativeInt("max-connections");
        HttpProtocolBuilder protocol = http.baseUrls(run.target().baseUrls().stream().map(TargetPaths::gatlingBase).toList())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .shareConnections()
                .warmUp(TargetPaths.under(run.target().baseUrls().get(0), run.paths().health()).toString());
        return maxConnections == 0 ? protocol : protocol.maxConnectionsPerHost(maxConnections);
    }

    /**
     * A request recorded by Aftershock: its response time and outcome go into our histograms; a request
     * that got no response counts as KO with the time it took to fail.
     */
    public ChainBuilder request(String name, HttpRequestActionBuilder request) {
        return requests.request(name, request);
    }

    /**
     * {@code users} injected with the open {@code steps}, warmed up first when the profile's peak rate is above
     * {@code aftershock.warm-up.above-users-per-second}: the rate ramps to the peak during the warm-up, whose
     * requests are recorded but never judged (second 0 of the judged run is the end of the warm-up).
     */
    public PopulationBuilder warmedUp(ScenarioBuilder users, OpenInjectionStep... steps) {
        return warmedUp(users, Arrays.asList(steps));
    }

    /** The same, for a list of open steps. */
    public PopulationBuilder warmedUp(ScenarioBuilder users, List<OpenInjectionStep> steps) {
        WarmUp rule = warmUpRule();
        double peak = InjectionPeak.usersPerSecond(steps);
        Optional<String> reason = rule.forOpen(peak);
        List<OpenInjectionStep> injected = new ArrayList<>();
        if (reason.isPresent()) {
            warmsUp(rule, reason.get());
            injected.addAll(rule.openSteps(peak));
        }
        injected.addAll(steps);
        // The warm-up is decided on the whole load, so that every injector warms up alike, then each sends its share.
        List<OpenInjectionStep> share = InjectionSplit.open(injected, run.injector().index(), run.injector().count());
        generator.plans(InjectionPlan.usersPerSecond(share), InjectionPeak.usersPerSecond(share));
        return users.injectOpen(share);
    }

    /**
     * {@code users} injected with the closed {@code steps}, warmed up first when the profile's peak concurrency is
     * above {@code aftershock.warm-up.above-concurrent-users}: concurrency ramps to the peak during the warm-up,
     * whose requests are recorded but never judged.
     */
    public PopulationBuilder warmedUp(ScenarioBuilder users, ClosedInjectionStep... steps) {
        WarmUp rule = warmUpRule();
        int peak = InjectionPeak.concurrentUsers(Arrays.asList(steps));
        Optional<String> reason = rule.forClosed(peak);
        List<ClosedInjectionStep> injected = new ArrayList<>();
        if (reason.isPresent()) {
            warmsUp(rule, reason.get());
            injected.addAll(rule.closedSteps(peak));
        }
        injected.addAll(Arrays.asList(steps));
        List<ClosedInjectionStep> share = InjectionSplit.closed(injected, run.injector().index(), run.injector().count());
        generator.plansConcurrent(InjectionPeak.concurrentUsers(share));
        return users.injectClosed(share);
    }

    /**
     * Hands the virtual user the next signed-in identity ({@code aftershock.target.auth.mode}): session cookies into
     * its cookie jar, headers for {@link #signedIn}, a bearer token as {@code #{token}}.
     */
    public ChainBuilder authenticated() {
        return requests.authenticated();
    }

    /** {@code request} carrying the signed-in identity's headers (bearer token, API key or CSRF token). */
    public HttpRequestActionBuilder signedIn(HttpRequestActionBuilder request) {
        return requests.signedIn(request);
    }

    /**
     * One request per virtual user, drawn with the given relative weights from the built-in endpoints
     * ({@code jwt-status}, {@code agents}, {@code api-keys}, {@code health}) and the user's own
     * ({@code aftershock.endpoints.<name>}); each is recorded and reported under its name. An endpoint weighed 0 is
     * never sent.
     */
    public ChainBuilder mix(Map<String, Integer> weights) {
        return requests.mix(weights);
    }

    /** True when the preflight's sign-in got a refresh token (never with client_credentials, cookies or keys). */
    public boolean refreshTokenIssued() {
        return !run.signedIn().first().refreshToken().isEmpty();
    }

    /**
     * The next signed-in identity, for probes and checks that call the target beside the load: its bearer token,
     * session cookie and CSRF header, or API key, as the login mode gives.
     */
    public SignedIn identity() {
        return run.signedIn().next();
    }

    /** A sign-in of its own in the run's login mode, outside the load's pool: a new session cookie, a new token. */
    public SignedIn signInAgain() {
        return run.signedIn().signInAgain();
    }

    /**
     * Who the lost-data checks write as: in cookie mode each value in a session of its own (read back with its
     * cookie, so lost sessions are lost values), otherwise the load's identity.
     */
    public DataIdentities dataIdentities() {
        return run.signedIn().mode() == AuthMode.COOKIE ? DataIdentities.sessionPerValue(this::signInAgain)
                : DataIdentities.shared(this::identity);
    }

    /** The current bearer token; empty in a mode without one (use {@link #identity()} to call the target). */
    public String token() {
        return run.signedIn().next().accessToken();
    }

    /**
     * The start of load: the recording, its one-second ticks and the interval log start. Second 0 of the judged run
     * is now, or the end of the warm-up.
     */
    synchronized void start() {
        generator.start();
        startedAt = Instant.now();
        ticker = Ticker.start(recording, Duration.ofSeconds(1), warmUp);
        intervalLogFile = run.injector().distributed()
                ? run.injector().folder().resolve(InjectorReport.INTERVAL_LOG)
                : Path.of("target", "aftershock", run.simulation().toLowerCase(Locale.ROOT) + "-" + startedAt.toEpochMilli() + ".hlog");
        intervalLog = IntervalLog.create(intervalLogFile, recording.loadStartedAt());
        recording.addListener(intervalLog);
    }

    /**
     * Gives back the descriptors held in reserve (the verdict and the reports need them), stops watching the
     * generator, stops the ticks and closes the interval log; safe to call twice.
     */
    synchronized void stop() {
        generator.stop(warmUp);
        if (ticker != null) {
            ticker.close();
            ticker = null;
        }
        if (intervalLog != null) {
            intervalLog.close();
            intervalLog = null;
        }
    }

    /** Why the load warms up before it is judged, or null when it does not. */
    String warmUpReason() {
        return warmUpReason;
    }

    private WarmUp warmUpRule() {
        return WarmUp.from(run.settings().section("warm-up"));
    }

    private void warmsUp(WarmUp rule, String reason) {
        warmUp = rule.duration();
        warmUpReason = reason;
        System.out.printf(Locale.ROOT, "aftershock: %s warms up for %.1f s first (%s): its requests are recorded,"
                + " never judged%n", run.simulation(), rule.duration().toMillis() / 1000.0, reason);
        System.out.flush();
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
