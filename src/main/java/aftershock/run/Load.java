package aftershock.run;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.gatling.InjectionPeak;
import aftershock.gatling.InjectionPlan;
import aftershock.gatling.Requests;
import aftershock.generator.DescriptorBudget;
import aftershock.generator.DescriptorReserve;
import aftershock.generator.GeneratorMonitor;
import aftershock.generator.KoCauses;
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
import aftershock.verdict.GeneratorError;
import aftershock.verdict.GeneratorLimits;
import aftershock.verdict.GeneratorRecord;
import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
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

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The load of a run: Gatling's HTTP protocol over the target's base URLs, requests that Aftershock records itself
 * (response time and outcome into its histograms and interval log), the standard endpoint mix, and the bearer
 * token, renewed in the background. A heavy injection profile warms up first ({@link #warmedUp}, {@link WarmUp}).
 *
 * <pre>
 *   ChainBuilder mixedEndpoints = load.mix(settings.weights("mix"));
 *   ChainBuilder login = load.request("login", http("login").post(paths().login()));
 *   PopulationBuilder users = load.warmedUp(scenario("users").exec(login), constantUsersPerSec(2000).during(60));
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
    private volatile List<Double> plannedArrivals;
    private volatile double peakUsersPerSecond;
    private volatile int peakConcurrentUsers;
    private volatile GeneratorMonitor monitor;
    private volatile KoCauses koCauses;
    private DescriptorReserve reserve;
    private volatile GeneratorRecord generatorRecord;

    Load(Run run) {
        this.run = run;
        this.requests = new Requests(recording, recordingOn, run.requestTimeout(), run.paths(), run.token()::value,
                new GeneratorWatch());
    }

    /** The probe's pause: short enough to see a scheduler falling behind by a fraction of the 100 ms limit. */
    static final Duration PROBE_PAUSE = Duration.ofMillis(10);
    static final String PROBE = "generator probe";

    /**
     * One virtual user beside the load that pauses {@link #PROBE_PAUSE} at a time on Gatling's scheduler, for as
     * long as the load lasts, and reports how late it woke: the users and requests due on that scheduler at the same
     * time were sent as late (the jHiccup idea, on the generator's own event loop).
     */
    PopulationBuilder probe() {
        String t0 = "aftershock.probe.t0";
        return scenario(PROBE).asLongAs(session -> monitor != null && monitor.watching()).on(
                exec(session -> session.set(t0, System.nanoTime()))
                        .pause(PROBE_PAUSE)
                        .exec(session -> {
                            GeneratorMonitor watching = monitor;
                            if (watching != null) {
                                long sleptNanos = System.nanoTime() - session.getLong(t0);
                                watching.probed((sleptNanos - PROBE_PAUSE.toNanos()) / 1_000_000);
                            }
                            return session;
                        })).injectOpen(atOnceUsers(1));
    }

    /**
     * Refuses, before any load, a descriptor limit ({@code ulimit -n}) that leaves no room for the connections the
     * run may open: {@code max-connections} per host when bound, else one per user for the length of a request
     * timeout at the peak rate.
     */
    void checkDescriptors() {
        Settings generator = run.settings().section("generator");
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!generator.flag("descriptor-check") || !(os instanceof UnixOperatingSystemMXBean unix)) {
            return;
        }
        int maxConnections = run.settings().section("target").nonNegativeInt("max-connections");
        long connections = maxConnections > 0 ? (long) maxConnections * run.target().baseUrls().size()
                : Math.max(peakConcurrentUsers,
                (long) Math.ceil(peakUsersPerSecond * run.requestTimeout().toMillis() / 1000.0));
        DescriptorBudget.shortfall(unix.getMaxFileDescriptorCount(), unix.getOpenFileDescriptorCount(),
                        generator.nonNegativeInt("descriptor-reserve"), connections)
                .ifPresent(line -> {
                    throw new ConfigurationException(line);
                });
    }

    /** The limits the generator's health is judged on ({@code aftershock.generator}). */
    GeneratorLimits generatorLimits() {
        Settings generator = run.settings().section("generator");
        return new GeneratorLimits(generator.duration("late-after"), generator.number("max-late-percent"),
                generator.nonNegativeInt("max-generator-errors"), generator.duration("max-gc-pause"),
                generator.number("max-descriptor-percent"), generator.number("min-arrival-percent"),
                generator.number("max-cpu-percent"), generator.duration("start-grace"));
    }

    /** What the generator recorded about itself, once the load stopped; null before. */
    GeneratorRecord generatorRecord() {
        return generatorRecord;
    }

    /** The requests tell the monitor what they send and which of their KOs were the generator's own. */
    private final class GeneratorWatch implements Requests.Watch {
        @Override
        public void sending(boolean firstOfUser) {
            GeneratorMonitor watching = monitor;
            if (watching != null) {
                watching.sent();
                if (firstOfUser) {
                    watching.arrived();
                }
            }
        }

        @Override
        public boolean failedOnGeneratorSide(long userId) {
            KoCauses causes = koCauses;
            GeneratorMonitor watching = monitor;
            if (causes == null || watching == null) {
                return false;
            }
            Optional<GeneratorError> cause = causes.take(userId);
            cause.ifPresent(watching::failed);
            return cause.isPresent();
        }
    }

    /**
     * Gatling's HTTP protocol: round-robin over the target's base URLs (one per built-in replica), one connection
     * pool shared by all virtual users, at most {@code aftershock.target.max-connections} connections to each host
     * (0: no bound), so that a cold start queues its requests instead of opening a connection for each.
     */
    public HttpProtocolBuilder protocol() {
        int maxConnections = run.settings().section("target").nonNegativeInt("max-connections");
        HttpProtocolBuilder protocol = http.baseUrls(run.target().baseUrls().stream().map(URI::toString).toList())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .shareConnections()
                .warmUp(run.target().baseUrls().get(0).resolve(run.paths().health()).toString());
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
        plans(InjectionPlan.usersPerSecond(injected), peak);
        return users.injectOpen(injected);
    }

    /**
     * {@code users} injected with the closed {@code steps}, warmed up first when the profile's peak concurrency is
     * above {@code aftershock.warm-up.above-concurrent-users}: concurrency ramps to the peak during the warm-up,
     * whose requests are recorded but never judged.
     */
    public PopulationBuilder warmedUp(ScenarioBuilder users, ClosedInjectionStep... steps) {
        WarmUp rule = warmUpRule();
        int peak = InjectionPeak.concurrentUsers(Arrays.asList(steps));
        peakConcurrentUsers = Math.max(peakConcurrentUsers, peak);
        Optional<String> reason = rule.forClosed(peak);
        if (reason.isEmpty()) {
            return users.injectClosed(steps);
        }
        warmsUp(rule, reason.get());
        List<ClosedInjectionStep> warmedUp = new ArrayList<>(rule.closedSteps(peak));
        warmedUp.addAll(Arrays.asList(steps));
        return users.injectClosed(warmedUp);
    }

    /** Adds a population's plan to the run's: several open populations arrive side by side. */
    private synchronized void plans(List<Double> usersPerSecond, double peak) {
        peakUsersPerSecond += peak;
        List<Double> sum = new ArrayList<>(plannedArrivals == null ? List.of() : plannedArrivals);
        for (int i = 0; i < usersPerSecond.size(); i++) {
            if (i < sum.size()) {
                sum.set(i, sum.get(i) + usersPerSecond.get(i));
            } else {
                sum.add(usersPerSecond.get(i));
            }
        }
        plannedArrivals = sum;
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

    /**
     * The start of load: the recording, its one-second ticks and the interval log start. Second 0 of the judged run
     * is now, or the end of the warm-up.
     */
    synchronized void start() {
        koCauses = KoCauses.listen();
        reserve = DescriptorReserve.hold(run.settings().section("generator").nonNegativeInt("descriptor-reserve"));
        monitor = GeneratorMonitor.start();
        startedAt = Instant.now();
        ticker = Ticker.start(recording, Duration.ofSeconds(1), warmUp);
        intervalLogFile = Path.of("target", "aftershock",
                run.simulation().toLowerCase(Locale.ROOT) + "-" + startedAt.toEpochMilli() + ".hlog");
        intervalLog = IntervalLog.create(intervalLogFile, recording.loadStartedAt());
        recording.addListener(intervalLog);
    }

    /**
     * Gives back the descriptors held in reserve (the verdict and the reports need them), stops watching the
     * generator, stops the ticks and closes the interval log; safe to call twice.
     */
    synchronized void stop() {
        if (reserve != null) {
            reserve.release();
        }
        if (monitor != null && generatorRecord == null) {
            generatorRecord = monitor.stop(plannedArrivals, warmUp);
        }
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
