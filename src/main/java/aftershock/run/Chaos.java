package aftershock.run;

import aftershock.chaos.ChaosTimeline;
import aftershock.chaos.FaultStep;
import aftershock.client.Http;
import aftershock.config.Settings;
import aftershock.gatling.EventStep;
import aftershock.platform.FiredByConductor;
import aftershock.platform.PlannedFault;
import aftershock.platform.Platform;
import aftershock.platform.Platforms;
import io.gatling.javaapi.core.PopulationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The chaos of a run: the platform its faults are fired on, a timeline that fires them beside the load and watches
 * each recovery, and every fault guarded (journaled before each change, restored on Ctrl-C, only printed in a dry
 * run).
 *
 * <pre>
 *   PlannedFault redisKill = chaos.platform().redisKill();
 *   ChaosTimeline timeline = chaos.timeline().then(chaos.held(redisKill, baseline, outage));
 * </pre>
 */
public final class Chaos {

    private static final Logger logger = LoggerFactory.getLogger(Chaos.class);

    private final Run run;
    private final Load load;
    private final ChaosTimeline.Observer observer;
    private final GuardedFaults guardedFaults;
    private volatile CompletableFuture<?> done = CompletableFuture.completedFuture(null);
    private Platform platform;

    Chaos(Run run, Load load, ChaosTimeline.Observer observer) {
        this.run = run;
        this.load = load;
        this.observer = observer;
        this.guardedFaults = new GuardedFaults(run.dryRun());
    }

    /**
     * Where this run's faults are fired: the built-in target's processes, or Kubernetes. An injector other than 0
     * plans the same faults and never fires them.
     */
    public synchronized Platform platform() {
        if (platform == null && !run.injector().conducts() && !run.target().isBuiltIn()
                && "local".equals(run.settings().string("platform").trim())) {
            platform = new FiredByConductor(run.injector().describe(), run.target().baseUrls().size());
        }
        if (platform == null) {
            // Probes answer within aftershock.probes.timeout (1 s), not the load's request timeout.
            platform = Platforms.choose(run.settings(), run.target(),
                    new Http(run.settings().section("probes").duration("timeout")), run.paths());
        }
        return platform;
    }

    /** An empty timeline, watching recovery as {@code aftershock.probes} says. */
    public ChaosTimeline timeline() {
        return timeline(run.settings().section("probes").duration("recovery-timeout"));
    }

    /** An empty timeline that gives up waiting for each recovery after {@code recoveryTimeout}; otherwise the same. */
    public ChaosTimeline timeline(Duration recoveryTimeout) {
        Settings probes = run.settings().section("probes");
        return new ChaosTimeline(new ChaosTimeline.Watch(probes.duration("interval"), probes.positiveInt("consecutive-ok"),
                recoveryTimeout, probes.duration("stable-for"), probes.duration("timeout")), Clock.systemUTC(), observer);
    }

    /** A fault the system must recover from on its own, fired {@code at} after the start of load. */
    public FaultStep selfHealing(PlannedFault planned, Duration at) {
        FaultStep step = FaultStep.selfHealing(planned.label(), guardedFaults.guard(planned), at, planned.probe());
        return planned.frontDoor() ? step.probedAtFrontDoor() : step;
    }

    /** A fault held for {@code holdFor}, then restored; recovery counts from the restoration. */
    public FaultStep held(PlannedFault planned, Duration at, Duration holdFor) {
        FaultStep step = FaultStep.held(planned.label(), guardedFaults.guard(planned), at, holdFor, planned.probe());
        return planned.frontDoor() ? step.probedAtFrontDoor() : step;
    }

    /** How long the load must at least go on after a fault ({@code aftershock.probes.min-after-fault}, never scaled). */
    public Duration minAfterFault() {
        return run.settings().section("probes").duration("min-after-fault");
    }

    /** The timeline as one virtual user beside the load; the events it reports appear in Gatling's report. */
    PopulationBuilder population(ChaosTimeline timeline) {
        CompletableFuture<Object> finished = new CompletableFuture<>();
        done = finished;
        return scenario("chaos").exec(EventStep.of(sink -> {
            CompletableFuture<?> running;
            try {
                running = timeline.start(load.recording().startedAt(), sink);
            } catch (RuntimeException e) {
                running = CompletableFuture.failedFuture(e);
            }
            return running.whenComplete((value, error) -> finished.complete(null));
        })).injectOpen(atOnceUsers(1));
    }

    /** Completes when the timeline has finished, failed or not; at once for a run without chaos. */
    CompletableFuture<?> done() {
        return done;
    }

    /** Restores every fault still active and lets go of the platform's client; safe to call twice. */
    void close() {
        try {
            guardedFaults.close();
        } finally {
            closePlatform();
        }
    }

    private synchronized void closePlatform() {
        if (platform instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                logger.warn("while closing {}: {}", platform.describe(), e.toString());
            }
        }
    }
}
