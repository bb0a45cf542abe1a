package aftershock.chaos;

import aftershock.gatling.ReportedEvent;
import aftershock.probes.ProbeLoop;
import aftershock.probes.Recovery;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.Verdict;
import aftershock.waiting.Wait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Fires a run's faults on schedule while the load runs, watches each recovery with its probe, and reports
 * what happened: one console line per event, named events for Gatling's report, and a {@link FaultWindow}
 * per fault for the verdict. Every injected fault is restored before the timeline ends, whatever happens.
 *
 * <pre>
 *   // probe every 100 ms, 3 OK probes in a row make a recovery, give up after 60 s, keep probing 10 s after it
 *   ChaosTimeline.Watch watch = new ChaosTimeline.Watch(Duration.ofMillis(100), 3, Duration.ofSeconds(60),
 *           Duration.ofSeconds(10));
 *   ChaosTimeline timeline = new ChaosTimeline(watch, Clock.systemUTC(), windows::add)
 *           .beforeFaults("write the values", integrity::write)
 *           .then(FaultStep.held("redis-kill", redisKill, Duration.ofSeconds(30), Duration.ofSeconds(60), readiness))
 *           .afterRecovery("read the values back", integrity::readBack);
 *   CompletableFuture&lt;Void&gt; done = timeline.start(loadStartedAt, events::add);
 * </pre>
 */
public final class ChaosTimeline {

    private static final Logger logger = LoggerFactory.getLogger(ChaosTimeline.class);

    /**
     * How recovery is watched.
     *
     * @param interval        time between probe sends, whether or not earlier probes have answered
     * @param consecutiveOk   OK probes in a row that make a recovery
     * @param recoveryTimeout give up waiting for recovery after this long
     * @param stableFor       after recovery, keep probing this long (availability and downtime cover it)
     * @param probeTimeout    a probe not answered OK within this is failed
     */
    public record Watch(Duration interval, int consecutiveOk, Duration recoveryTimeout, Duration stableFor,
                        Duration probeTimeout) {

        /** A watch whose probes time out after 1 s. */
        public Watch(Duration interval, int consecutiveOk, Duration recoveryTimeout, Duration stableFor) {
            this(interval, consecutiveOk, recoveryTimeout, stableFor, Duration.ofSeconds(1));
        }
    }

    /** Receives each fault's outcome. */
    public interface Observer {
        void faultObserved(FaultWindow window);
    }

    private record Action(String name, Consumer<Consumer<ReportedEvent>> body) {
    }

    private final Watch watch;
    private final Clock clock;
    private final Observer observer;
    private final List<Action> before = new ArrayList<>();
    private final List<FaultStep> steps = new ArrayList<>();
    private final List<Action> after = new ArrayList<>();

    public ChaosTimeline(Watch watch, Clock clock, Observer observer) {
        this.watch = watch;
        this.clock = clock;
        this.observer = observer;
    }

    /** Work done before the first fault fires, for example writes for the lost-data check. */
    public ChaosTimeline beforeFaults(String name, Runnable action) {
        before.add(new Action(name, sink -> action.run()));
        return this;
    }

    /**
     * The same, for work that reports events of its own into the run's report (simulated agents' reconnections): it
     * is handed the report's sink, which it may keep using from its own threads while the load runs.
     */
    public ChaosTimeline beforeFaultsReporting(String name, Consumer<Consumer<ReportedEvent>> action) {
        before.add(new Action(name, action));
        return this;
    }

    /** Adds a fault; faults run one after the other, each waiting for its offset. */
    public ChaosTimeline then(FaultStep step) {
        steps.add(step);
        return this;
    }

    /** Work done once every fault has recovered (or timed out), for example reading writes back. */
    public ChaosTimeline afterRecovery(String name, Runnable action) {
        after.add(new Action(name, sink -> action.run()));
        return this;
    }

    /** Runs the timeline on its own thread; offsets count from {@code loadStartedAt}. */
    public CompletableFuture<Void> start(Instant loadStartedAt, Consumer<ReportedEvent> sink) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                run(loadStartedAt, sink);
                done.complete(null);
            } catch (Throwable e) {
                logger.error("chaos timeline stopped: {}", e.toString(), e);
                done.completeExceptionally(e);
            }
        }, "aftershock-chaos");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Runs the timeline on the calling thread. */
    public void run(Instant loadStartedAt, Consumer<ReportedEvent> sink) throws InterruptedException {
        for (Action action : before) {
            runAction(action, sink);
        }
        for (FaultStep step : steps) {
            sleepUntil(loadStartedAt.plus(step.at()));
            runStep(step, loadStartedAt, sink);
        }
        for (Action action : after) {
            runAction(action, sink);
        }
    }

    private void runAction(Action action, Consumer<ReportedEvent> sink) {
        Instant start = clock.instant();
        boolean ok = true;
        String message = null;
        try {
            action.body().accept(sink);
        } catch (RuntimeException e) {
            ok = false;
            message = e.getMessage();
            logger.warn("chaos: {} failed: {}", action.name(), e.toString());
        }
        sink.accept(new ReportedEvent("chaos: " + action.name(), start.toEpochMilli(), clock.millis(), ok,
                ok ? "OK" : "FAILED", message));
    }

    private void runStep(FaultStep step, Instant loadStartedAt, Consumer<ReportedEvent> sink) throws InterruptedException {
        Fault fault = step.fault();
        ProbeLoop probes = ProbeLoop.start(step.probe(), watch.interval(), watch.probeTimeout(), clock);
        Instant injectedAt = null;
        Instant restoredAt = null;
        try {
            injectedAt = clock.instant();
            try {
                fault.inject();
            } catch (FaultException e) {
                console("%s could not be injected: %s", step.label(), e.getMessage());
                sink.accept(new ReportedEvent("chaos: " + step.label() + " injected", injectedAt.toEpochMilli(),
                        clock.millis(), false, "FAILED", e.getMessage()));
                observer.faultObserved(new FaultWindow(step.label(), fault.describe(), offset(loadStartedAt, injectedAt),
                        null, null, null, null, null, null, null, "could not be injected: " + e.getMessage()));
                return;
            }
            console("%s injected at %.1f s: %s", step.label(), offset(loadStartedAt, injectedAt), fault.describe());
            sink.accept(new ReportedEvent("chaos: " + step.label() + " injected", injectedAt.toEpochMilli(),
                    injectedAt.toEpochMilli(), true, "INJECTED", null));

            Instant recoveryFrom = injectedAt;
            String restoreFailure = null;
            if (step.isHeld()) {
                // Held from when inject() returned: a fault that waits for its effect (pods gone) holds it in full.
                sleepUntil(clock.instant().plus(step.holdFor()));
                restoredAt = clock.instant();
                restoreFailure = restore(step, restoredAt, sink);
                recoveryFrom = restoredAt;
            }
            awaitRecovery(step, probes, injectedAt, recoveryFrom);
            if (!step.isHeld()) {
                restoredAt = clock.instant();
                restoreFailure = restore(step, restoredAt, sink);
            }
            Recovery recovery = Recovery.of(probes.samples(), injectedAt, recoveryFrom, watch.consecutiveOk());
            recovery.recoveredAt().ifPresent(at -> sleepQuietly(at.plus(watch.stableFor())));
            recovery = Recovery.of(probes.samples(), injectedAt, recoveryFrom, watch.consecutiveOk());
            report(step, loadStartedAt, injectedAt, restoredAt, recoveryFrom, recovery, fault.evidence(), restoreFailure,
                    sink);
        } finally {
            probes.close();
            if (fault.isActive()) {
                try {
                    fault.restore();
                } catch (RuntimeException e) {
                    console("%s could not be restored: %s: restore it by hand", step.label(), e.getMessage());
                }
            }
        }
    }

    /** Restores the fault; returns why it failed (a restore or readiness timeout), or null. */
    private String restore(FaultStep step, Instant at, Consumer<ReportedEvent> sink) {
        try {
            step.fault().restore();
            sink.accept(new ReportedEvent("chaos: " + step.label() + " restored", at.toEpochMilli(), clock.millis(),
                    true, "RESTORED", null));
            return null;
        } catch (FaultException e) {
            console("%s could not be restored: %s", step.label(), e.getMessage());
            sink.accept(new ReportedEvent("chaos: " + step.label() + " restored", at.toEpochMilli(), clock.millis(),
                    false, "FAILED", e.getMessage()));
            return "restore failed: " + e.getMessage();
        }
    }

    /**
     * Waits until the probes recovered from an outage they saw, or, when they saw none, until the component
     * itself is back (or says the fault never took effect): a probe that never fails proves nothing before then.
     */
    private void awaitRecovery(FaultStep step, ProbeLoop probes, Instant injectedAt, Instant recoveryFrom)
            throws InterruptedException {
        Duration left = Duration.between(clock.instant(), recoveryFrom.plus(watch.recoveryTimeout()));
        Wait.forValue(step.label() + " to recover",
                        () -> Recovery.of(probes.samples(), injectedAt, recoveryFrom, watch.consecutiveOk()),
                        recovery -> recovery.recoveredAt().isPresent()
                                // At the front door the recovery is the component's own: wait for it too.
                                && (recovery.sawFailure() && !step.frontDoor() || settled(step.fault().evidence())))
                .atMost(left)
                .pollInterval(Duration.ofMillis(Math.max(10, watch.interval().toMillis() / 2)))
                .awaitOutcome();
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for " + step.label() + " to recover");
        }
    }

    private static boolean settled(FaultEvidence evidence) {
        return evidence.status() == FaultEvidence.Status.NOT_OBSERVED || evidence.componentRecovery().isPresent();
    }

    private void report(FaultStep step, Instant loadStartedAt, Instant injectedAt, Instant restoredAt,
                        Instant recoveryFrom, Recovery recovery, FaultEvidence evidence, String restoreFailure,
                        Consumer<ReportedEvent> sink) {
        Double probeRecoveredAtSecond = recovery.recoveredAt().map(at -> offset(loadStartedAt, at)).orElse(null);
        Double probeRecoverySeconds = recovery.recoveredAt().map(at -> seconds(Duration.between(recoveryFrom, at))).orElse(null);
        Double componentSeconds = evidence.componentRecovery().map(at -> seconds(Duration.between(injectedAt, at))).orElse(null);
        String failure = restoreFailure;
        if (!evidence.isObserved()) {
            failure = "fault not observed: " + evidence.description();
        }
        // At the front door (Kubernetes BASE_URL) the probes show what users saw; the component's own figures are
        // its recovery by its evidence (the pod's replacement), down from the injection until then.
        boolean frontDoor = step.frontDoor();
        Double recoveredAtSecond = frontDoor
                ? evidence.componentRecovery().map(at -> offset(loadStartedAt, at)).orElse(null) : probeRecoveredAtSecond;
        Double recoverySeconds = frontDoor ? componentSeconds : probeRecoverySeconds;
        Double maxDowntimeSeconds = frontDoor ? componentSeconds : Double.valueOf(seconds(recovery.maxDowntime()));
        observer.faultObserved(new FaultWindow(step.label(), step.fault().describe(), offset(loadStartedAt, injectedAt),
                restoredAt == null ? null : offset(loadStartedAt, restoredAt), recoveredAtSecond, recoverySeconds,
                maxDowntimeSeconds, Math.round(recovery.availabilityPercent() * 100) / 100.0,
                evidence.description(), componentSeconds, failure,
                frontDoor ? probeRecoverySeconds : null, frontDoor ? seconds(recovery.maxDowntime()) : null));

        String from = step.isHeld() ? "restore" : "injection";
        String component = componentSeconds == null ? "" : String.format(Locale.ROOT, ", component back after %.1f s", componentSeconds);
        console("%s evidence: %s%s", step.label(), evidence.description(), component);
        if (failure != null) {
            console("%s FAILED: %s", step.label(), failure);
            sink.accept(new ReportedEvent("chaos: " + step.label() + " recovery", recoveryFrom.toEpochMilli(),
                    clock.millis(), false, Verdict.FAIL.name(), failure));
            return;
        }
        if (frontDoor) {
            console("%s at the service's address: %s", step.label(), !recovery.sawFailure() ? "no probe failed"
                    : String.format(Locale.ROOT, "max downtime %.1f s, recovered %s", seconds(recovery.maxDowntime()),
                            probeRecoverySeconds == null ? "not yet" : probeRecoverySeconds + " s after its " + from));
        }
        if (recoverySeconds == null) {
            console("%s NOT recovered within %d s of its %s (max downtime %.1f s)", step.label(),
                    watch.recoveryTimeout().toSeconds(), from, seconds(recovery.maxDowntime()));
            sink.accept(new ReportedEvent("chaos: " + step.label() + " recovery", recoveryFrom.toEpochMilli(),
                    clock.millis(), false, Verdict.FAIL.name(), "no recovery within " + watch.recoveryTimeout().toSeconds() + " s"));
            return;
        }
        Verdict verdict = step.recovery() == null ? Verdict.PASS : step.recovery().judge(recoverySeconds);
        if (!recovery.sawFailure()) {
            console("%s: no user-visible impact, no probe failed (availability 100 %%)%s", step.label(),
                    step.recovery() == null ? "" : ": " + verdict);
        } else {
            console("%s recovered %.1f s after its %s (max downtime %.1f s, availability %.1f %%)%s", step.label(),
                    recoverySeconds, from, maxDowntimeSeconds, recovery.availabilityPercent(),
                    step.recovery() == null ? "" : ": " + verdict);
        }
        Instant recoveredAt = recoveryFrom.plusMillis(Math.round(recoverySeconds * 1000));
        sink.accept(new ReportedEvent("chaos: " + step.label() + " recovery", recoveryFrom.toEpochMilli(),
                recoveredAt.toEpochMilli(), !verdict.fails(), verdict.name(),
                verdict.fails() ? "recovery " + recoverySeconds + " s breaks " + step.recovery().name() : null));
    }

    // The timeline's own schedule, not a wait for a condition: fire a fault at its offset, hold it for its time,
    // keep probing for stable-for after recovery. There is nothing to poll, so a plain interruptible sleep.
    private void sleepUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(clock.instant(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private void sleepQuietly(Instant until) {
        try {
            sleepUntil(until);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double offset(Instant loadStartedAt, Instant at) {
        return Math.round(Duration.between(loadStartedAt, at).toMillis() / 100.0) / 10.0;
    }

    // Recovery and downtime keep their milliseconds: a 1.5 s limit must tell 1.46 s from 1.54 s.
    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void console(String format, Object... args) {
        System.out.println("aftershock: chaos " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
