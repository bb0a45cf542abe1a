package aftershock.run;

import aftershock.client.AccessToken;
import aftershock.client.Http;
import aftershock.client.Preflight;
import aftershock.client.PreflightException;
import aftershock.client.TargetPaths;
import aftershock.system.Target;
import aftershock.chaos.ChaosTimeline;
import aftershock.chaos.Fault;
import aftershock.chaos.FaultStep;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.gatling.EventStep;
import aftershock.gatling.ReportedEvent;
import aftershock.gatling.Requests;
import aftershock.platform.PlannedFault;
import aftershock.platform.Platform;
import aftershock.platform.Platforms;
import aftershock.recording.IntervalLog;
import aftershock.recording.Recording;
import aftershock.recording.Ticker;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.IntegrityResult;
import aftershock.verdict.Recorded;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/**
 * One simulation run: configuration, the target (built-in or the user's), preflight, our own per-request
 * recording, chaos and the verdict. A simulation opens it first and hands its steps to Gatling:
 *
 * <pre>
 *   Run run = Run.open("SustainedLoad", "100 RPS over mixed endpoints", Target.Needs.STANDALONE);
 *   ChainBuilder traffic = run.mix(settings.weights("mix"));
 *   setUp(users.injectOpen(...).andThen(run.verdict(thresholds))).protocols(run.protocol()).assertions(run.verdictPasses());
 * </pre>
 */
public final class Run {

    private static final Logger logger = LoggerFactory.getLogger(Run.class);
    private static final String VERDICT = Findings.VERDICT;

    private final String simulation;
    private final String description;
    private final Settings settings;
    private final Target target;
    private final TargetPaths paths;
    private final Duration requestTimeout;
    private final AccessToken token;
    private final Recording recording = new Recording(Clock.systemUTC());
    private final Requests requests;
    private final Findings findings = new Findings();
    private volatile CompletableFuture<?> chaosDone = CompletableFuture.completedFuture(null);
    private volatile Ticker ticker;
    private volatile IntervalLog intervalLog;
    private volatile Path intervalLogFile;
    private volatile Instant loadStartedAt;
    private final GuardedFaults guardedFaults;
    private volatile Platform platform;

    private Run(String simulation, String description, Settings settings, boolean dryRun, Target target,
                TargetPaths paths, Duration requestTimeout, AccessToken token) {
        this.simulation = simulation;
        this.description = description;
        // Every value read once the run is open, by the run or its simulation, refuses like orRefuse.
        this.settings = settings.refusingWith(this::refuse);
        this.target = target;
        this.paths = paths;
        this.requestTimeout = requestTimeout;
        this.token = token;
        this.guardedFaults = new GuardedFaults(dryRun);
        this.requests = new Requests(recording, !"false".equals(System.getProperty("aftershock.recording")),
                requestTimeout, paths, token::value);
    }

    /**
     * Opens a run for use inside a Gatling simulation. Bad input (configuration, unreachable target, wrong
     * credentials, a replica Redis, a port taken) prints one line and ends the JVM before any load.
     */
    public static Run open(String simulation, String description, Target.Needs needs) {
        try {
            return create(simulation, description, Settings.load(), needs);
        } catch (ConfigurationException | PreflightException | Target.StartException e) {
            System.err.println("aftershock: " + e.getMessage());
            System.err.flush();
            System.exit(1);
            throw e;
        }
    }

    /** Like {@link #open} but throws instead of exiting: for tests and tools. */
    public static Run create(String simulation, String description, Settings settings, Target.Needs needs) {
        Settings targetSettings = settings.section("target");
        TargetPaths paths = TargetPaths.from(targetSettings.section("paths"));
        Duration requestTimeout = targetSettings.duration("request-timeout");
        GuardedFaults.recoverFromPreviousRun();
        Target target = Target.start(settings, needs);
        try {
            Http http = new Http(requestTimeout);
            Preflight preflight = new Preflight(http, paths);
            String username = targetSettings.string("admin-username");
            String password = targetSettings.string("admin-password");
            for (URI url : target.baseUrls()) {
                preflight.targetAnswers(url, target.fixHint());
            }
            URI first = target.baseUrls().get(0);
            String firstToken = preflight.credentialsWork(first, username, password);
            if (!target.redisAddress().isEmpty()) {
                Preflight.redisIsWritableMaster(target.redisAddress());
            }
            AccessToken token = new AccessToken(firstToken,
                    () -> preflight.credentialsWork(first, username, password), Duration.ofMinutes(2));
            boolean dryRun = settings.flag("dry-run");
            String described = dryRun
                    ? description + " (DRY RUN: faults only print what they would do; none was fired)" : description;
            logger.info("{}: {} against {}", simulation, described, target.describe());
            return new Run(simulation, described, settings, dryRun, target, paths, requestTimeout, token);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** A section of the configuration; a bad value read from it refuses the run like {@link #orRefuse}. */
    public Settings settings(String section) {
        return settings.section(section);
    }

    public Target target() {
        return target;
    }

    public TargetPaths paths() {
        return paths;
    }

    public String token() {
        return token.value();
    }

    /** Gatling's HTTP protocol: round-robin over the target's base URLs (one per built-in replica). */
    public HttpProtocolBuilder protocol() {
        return http.baseUrls(target.baseUrls().stream().map(URI::toString).toList())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .shareConnections()
                .warmUp(target.baseUrls().get(0).resolve(paths.health()).toString());
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
        return orRefuse(() -> requests.mix(weights));
    }

    /** Registers a value the simulation measures itself, judged by the threshold of that name. */
    public void measure(String thresholdName, Function<Recorded, Double> measurement) {
        findings.measure(thresholdName, measurement);
    }

    /** Explains a threshold's value in the reports. */
    public void note(String thresholdName, String note) {
        findings.note(thresholdName, note);
    }

    /** Adds what a fault's probes observed (called by the chaos timeline). */
    public void faultObserved(FaultWindow window) {
        findings.faultObserved(window);
    }

    public void integrityChecked(IntegrityResult result) {
        findings.integrityChecked(result);
    }

    /**
     * A single virtual user that runs {@code work} (the chaos timeline) beside the load; the events it reports
     * appear in Gatling's report, and the verdict waits for it to finish.
     */
    public PopulationBuilder chaos(Function<Consumer<ReportedEvent>, CompletableFuture<?>> work) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        chaosDone = done;
        return scenario("chaos").exec(EventStep.of(sink -> {
            CompletableFuture<?> running;
            try {
                running = work.apply(sink);
            } catch (RuntimeException e) {
                running = CompletableFuture.failedFuture(e);
            }
            return running.whenComplete((value, error) -> done.complete(null));
        })).injectOpen(atOnceUsers(1));
    }

    /**
     * The closing step, to run {@code andThen} after the load: it waits for the chaos timeline, judges the
     * thresholds, writes summary.json and the interval log, and reports each threshold to Gatling.
     */
    public PopulationBuilder verdict(List<Threshold> thresholds) {
        return scenario(VERDICT).exec(EventStep.of(sink -> chaosDone.handle((v, e) -> null)
                .thenApplyAsync(ignored -> {
                    judgeAndReport(thresholds, sink);
                    return null;
                }))).injectOpen(atOnceUsers(1));
    }

    /** The Gatling assertion that fails the run (exit status 2) when the verdict is FAIL. */
    public Assertion verdictPasses() {
        return details(VERDICT).failedRequests().count().is(0L);
    }

    /** Where this run's faults are fired: the built-in target's processes, or Kubernetes. */
    public synchronized Platform platform() {
        if (platform == null) {
            platform = orRefuse(() -> Platforms.choose(settings, target, new Http(requestTimeout), paths));
        }
        return platform;
    }

    /**
     * Runs a setup step of the simulation; bad input it finds (a configuration value, an unreachable JWKS)
     * prints one line, stops what this run started and ends the JVM before any load or fault.
     */
    public <T> T orRefuse(Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigurationException | PreflightException | IllegalStateException e) {
            throw refuse(e);
        }
    }

    private RuntimeException refuse(RuntimeException badInput) {
        System.err.println("aftershock: " + badInput.getMessage());
        System.err.flush();
        finish();
        System.exit(1);
        return badInput;
    }

    /** How long the load must at least go on after a fault ({@code aftershock.probes.min-after-fault}, never scaled). */
    public Duration minAfterFault() {
        return settings.section("probes").duration("min-after-fault");
    }

    /** An empty chaos timeline watching recovery as {@code aftershock.probes} says. */
    public ChaosTimeline timeline() {
        Settings probes = settings.section("probes");
        return new ChaosTimeline(new ChaosTimeline.Watch(probes.duration("interval"), probes.positiveInt("consecutive-ok"),
                probes.duration("recovery-timeout"), probes.duration("stable-for")), Clock.systemUTC(), this::faultObserved);
    }

    /**
     * The fault as the timeline fires it: journaled before each change, restored by a shutdown hook on Ctrl-C,
     * and only printed when {@code aftershock.dry-run} is on.
     */
    public Fault guarded(PlannedFault planned) {
        return guardedFaults.guard(planned);
    }

    /** A fault the system must recover from on its own, fired {@code at} after the start of load. */
    public FaultStep selfHealing(PlannedFault planned, Duration at) {
        return FaultStep.selfHealing(planned.label(), guarded(planned), at, planned.probe());
    }

    /** A fault held for {@code holdFor}, then restored; recovery counts from the restoration. */
    public FaultStep held(PlannedFault planned, Duration at, Duration holdFor) {
        return FaultStep.held(planned.label(), guarded(planned), at, holdFor, planned.probe());
    }

    /** The timeline as a Gatling population of one virtual user, beside the load. */
    public PopulationBuilder chaos(ChaosTimeline timeline) {
        return chaos(sink -> timeline.start(recording.startedAt(), sink));
    }

    /** Records a value measured by the simulation for the threshold of that name. */
    public void measured(String thresholdName, double value) {
        findings.measure(thresholdName, recorded -> value);
    }

    /** Call from the simulation's before(): second 0 of the timeline. */
    public void startLoad() {
        loadStartedAt = Instant.now();
        ticker = Ticker.start(recording, Duration.ofSeconds(1));
        intervalLogFile = Path.of("target", "aftershock", simulation.toLowerCase() + "-" + loadStartedAt.toEpochMilli() + ".hlog");
        intervalLog = IntervalLog.create(intervalLogFile, recording.startedAt());
        recording.addListener(intervalLog);
    }

    /** Call from the simulation's after(): stops everything this run started. Never throws. */
    public void finish() {
        try {
            stopRecording();
            token.close();
        } catch (RuntimeException e) {
            logger.warn("while finishing: {}", e.toString());
        } finally {
            guardedFaults.close();
            target.close();
        }
    }

    private synchronized void stopRecording() {
        if (ticker != null) {
            ticker.close();
            ticker = null;
        }
        if (intervalLog != null) {
            intervalLog.close();
            intervalLog = null;
        }
    }

    private void judgeAndReport(List<Threshold> thresholds, Consumer<ReportedEvent> sink) {
        stopRecording();
        long started = loadStartedAt == null ? System.currentTimeMillis() : loadStartedAt.toEpochMilli();
        RunSummary result = findings.judge(simulation, description, target.describe(), settings.scale(), started,
                recording, thresholds);
        Findings.report(result, simulation, intervalLogFile, sink);
    }
}
