package aftershock.chaos;

import aftershock.gatling.ReportedEvent;
import aftershock.probes.IntegrityCheck;
import aftershock.probes.Probe;
import aftershock.probes.Probes;
import aftershock.verdict.Comparison;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.Metric;
import aftershock.verdict.Threshold;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChaosTimelineTest {

    private static final ChaosTimeline.Watch FAST = new ChaosTimeline.Watch(Duration.ofMillis(20), 3,
            Duration.ofMillis(800), Duration.ofMillis(50));

    private final List<FaultWindow> windows = new CopyOnWriteArrayList<>();
    private final List<ReportedEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void aHeldFaultIsInjectedAtItsOffsetRestoredAfterItsHoldAndRecoveryCountsFromTheRestore() throws Exception {
        RecordingFault fault = new RecordingFault("redis-kill");
        AtomicBoolean healthy = new AtomicBoolean(true);
        Instant start = Instant.now();
        ChaosTimeline timeline = new ChaosTimeline(FAST, Clock.systemUTC(), windows::add)
                .then(FaultStep.held("redis-kill", new Observed(fault, healthy), Duration.ofMillis(100),
                        Duration.ofMillis(300), Probes.of("healthy", healthy::get)));

        timeline.run(start, events::add);

        assertThat(fault.calls()).containsExactly("inject", "restore");
        FaultWindow window = windows.get(0);
        assertThat(window.injectedAtSecond()).isBetween(0.1, 0.2);
        assertThat(window.restoredAtSecond() - window.injectedAtSecond()).isBetween(0.3, 0.4);
        assertThat(window.recoveredAtSecond()).isGreaterThanOrEqualTo(window.restoredAtSecond());
        assertThat(window.recoverySeconds()).isLessThan(0.3);
        assertThat(window.maxDowntimeSeconds()).isBetween(0.2, 0.5);
        assertThat(events).extracting(ReportedEvent::name)
                .containsExactly("chaos: redis-kill injected", "chaos: redis-kill restored", "chaos: redis-kill recovery");
    }

    @Test
    void aFaultThatNeverRecoversIsReportedAsFailedAndStillRestored() throws Exception {
        RecordingFault fault = new RecordingFault("pod-kill");
        Threshold recovery = Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 30).forFault(() -> "pod-kill");
        ChaosTimeline timeline = new ChaosTimeline(FAST, Clock.systemUTC(), windows::add)
                .then(FaultStep.selfHealing("pod-kill", fault, Duration.ZERO, Probes.of("never", () -> false))
                        .judgedBy(recovery));

        timeline.run(Instant.now(), events::add);

        assertThat(fault.calls()).containsExactly("inject", "restore");
        assertThat(fault.isActive()).isFalse();
        assertThat(windows.get(0).recoveredAtSecond()).isNull();
        ReportedEvent recoveryEvent = events.get(events.size() - 1);
        assertThat(recoveryEvent.ok()).isFalse();
        assertThat(recoveryEvent.message()).contains("no recovery within");
    }

    @Test
    void aFaultTheComponentShowsAndUsersNeverSeeIsAPassWithNoUserVisibleImpact() throws Exception {
        // Given a fault whose component shows it (and is back 300 ms later), watched by a probe that never fails
        Instant start = Instant.now();
        RecordingFault fault = new RecordingFault("pod-kill")
                .withEvidence(injectedAt -> FaultEvidence.observed("pod api-1 uid a1 replaced")
                        .recoveredAt(injectedAt.plusMillis(300), "replacement api-7 Ready"));
        Threshold recovery = Threshold.of(Metric.RECOVERY_SECONDS, Comparison.BELOW, 30).forFault(() -> "pod-kill");
        ChaosTimeline timeline = new ChaosTimeline(FAST, Clock.systemUTC(), windows::add)
                .then(FaultStep.selfHealing("pod-kill", fault, Duration.ZERO, Probes.of("always", () -> true))
                        .judgedBy(recovery));

        // When the timeline runs
        timeline.run(start, events::add);

        // Then the window has no failure, no downtime, the evidence and the component's own recovery
        FaultWindow window = windows.get(0);
        assertThat(window.failure()).isNull();
        assertThat(window.maxDowntimeSeconds()).isZero();
        assertThat(window.noUserVisibleImpact()).isTrue();
        assertThat(window.evidence()).contains("pod api-1 uid a1 replaced").contains("replacement api-7 Ready");
        assertThat(window.componentRecoverySeconds()).isBetween(0.2, 0.4);
        assertThat(events.get(events.size() - 1).ok()).isTrue();
    }

    @Test
    void atTheFrontDoorRecoveryAndDowntimeAreTheComponentsAndWhatUsersSawIsKeptApart() throws Exception {
        // Given a pod whose replacement is Ready 600 ms after the kill, behind an address that fails for 200 ms
        AtomicReference<Instant> injected = new AtomicReference<>();
        RecordingFault fault = new RecordingFault("pod-kill").withEvidence(injectedAt -> {
            injected.set(injectedAt);
            FaultEvidence deleted = FaultEvidence.observed("pod api-1 deleted, its UID gone");
            return Instant.now().isAfter(injectedAt.plusMillis(600))
                    ? deleted.recoveredAt(injectedAt.plusMillis(600), "replacement Ready") : deleted;
        });
        Probe address = Probes.of("BASE_URL/health", () -> injected.get() == null
                || !Instant.now().isBefore(injected.get().plusMillis(200)) || Instant.now().isBefore(injected.get().plusMillis(40)));
        ChaosTimeline timeline = new ChaosTimeline(FAST, Clock.systemUTC(), windows::add)
                .then(FaultStep.selfHealing("pod-kill", fault, Duration.ZERO, address).probedAtFrontDoor());

        // When the timeline runs
        timeline.run(Instant.now(), events::add);

        // Then recovery and max downtime are the pod's replacement time; the address's outage is kept apart
        FaultWindow window = windows.get(0);
        assertThat(window.recoverySeconds()).isEqualTo(0.6);
        assertThat(window.maxDowntimeSeconds()).isEqualTo(0.6);
        assertThat(window.userMaxDowntimeSeconds()).isBetween(0.1, 0.4);
        assertThat(window.userRecoverySeconds()).isBetween(0.1, 0.4);
        assertThat(window.noUserVisibleImpact()).isFalse();
    }

    @Test
    void aFaultWithoutEvidenceWhoseProbeNeverFailsIsFaultNotObservedNeverAZeroSecondPass() throws Exception {
        // Given a fault that cannot show it happened, and a probe that never fails
        RecordingFault fault = new RecordingFault("pod-kill")
                .withEvidence(FaultEvidence.notObserved("pod api-1 still has uid a1"));
        ChaosTimeline timeline = new ChaosTimeline(FAST, Clock.systemUTC(), windows::add)
                .then(FaultStep.selfHealing("pod-kill", fault, Duration.ZERO, Probes.of("always", () -> true)));

        // When the timeline runs
        timeline.run(Instant.now(), events::add);

        // Then the fault reads "not observed" with its reason, and its recovery event fails
        FaultWindow window = windows.get(0);
        assertThat(window.failure()).isEqualTo("fault not observed: pod api-1 still has uid a1");
        assertThat(window.noUserVisibleImpact()).isFalse();
        assertThat(events.get(events.size() - 1).ok()).isFalse();
        assertThat(fault.calls()).containsExactly("inject", "restore");
    }

    @Test
    void aRestoreThatTimesOutIsAFailureWithItsReason() throws Exception {
        // Given a held fault whose restore cannot get the component ready again
        RecordingFault fault = new RecordingFault("redis-kill")
                .failingRestore(new FaultException("redis-0 not Ready within 120 s"));
        ChaosTimeline timeline = new ChaosTimeline(FAST, Clock.systemUTC(), windows::add)
                .then(FaultStep.held("redis-kill", fault, Duration.ZERO, Duration.ofMillis(50), Probes.of("ok", () -> true)));

        // When the timeline runs
        timeline.run(Instant.now(), events::add);

        // Then the window carries the reason
        assertThat(windows.get(0).failure()).isEqualTo("restore failed: redis-0 not Ready within 120 s");
    }

    @Test
    void aFaultThatCannotBeInjectedIsReportedAndTheTimelineGoesOn() throws Exception {
        RecordingFault broken = new RecordingFault("pod-kill").failingInject(new FaultException("no pod matches app=api"));
        RecordingFault next = new RecordingFault("redis-kill");
        List<String> order = new CopyOnWriteArrayList<>();
        ChaosTimeline timeline = new ChaosTimeline(FAST, Clock.systemUTC(), windows::add)
                .beforeFaults("write", () -> order.add("write"))
                .then(FaultStep.selfHealing("pod-kill", broken, Duration.ZERO, Probes.of("ok", () -> true)))
                .then(FaultStep.selfHealing("redis-kill", next, Duration.ZERO, Probes.of("ok", () -> true)))
                .afterRecovery("read", () -> order.add("read"));

        timeline.run(Instant.now(), events::add);

        assertThat(order).containsExactly("write", "read");
        assertThat(next.calls()).contains("inject");
        assertThat(events.get(1).name()).isEqualTo("chaos: pod-kill injected");
        assertThat(events.get(1).ok()).isFalse();
        assertThat(events.get(1).message()).isEqualTo("no pod matches app=api");
        assertThat(windows).extracting(FaultWindow::fault).containsExactly("pod-kill", "redis-kill");
    }

    @Test
    void anInterruptWhileWatchingRecoveryStopsTheTimelinePromptlyAndRestoresTheFault() throws Exception {
        // Given a fault that never recovers, watched for up to five minutes on the timeline's thread
        RecordingFault fault = new RecordingFault("pod-kill");
        ChaosTimeline.Watch patient = new ChaosTimeline.Watch(Duration.ofMillis(20), 3, Duration.ofMinutes(5), Duration.ZERO);
        ChaosTimeline timeline = new ChaosTimeline(patient, Clock.systemUTC(), windows::add)
                .then(FaultStep.selfHealing("pod-kill", fault, Duration.ZERO, Probes.of("never", () -> false)));
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread chaos = new Thread(() -> {
            try {
                timeline.run(Instant.now(), events::add);
            } catch (Throwable e) {
                ended.set(e);
            }
        }, "chaos");
        chaos.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> fault.calls().contains("inject"));

        // When the thread is interrupted (Ctrl-C)
        long interruptedAt = System.nanoTime();
        chaos.interrupt();
        chaos.join(TimeUnit.SECONDS.toMillis(10));

        // Then the timeline ends at once with InterruptedException, and the fault is restored on the way out
        assertThat(chaos.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(ended.get()).isInstanceOf(InterruptedException.class).hasMessageContaining("pod-kill to recover");
        assertThat(fault.calls()).containsExactly("inject", "restore");
    }

    @Test
    void theUsageInTheClassJavadocIsTheCodeCompiledHere() throws IOException {
        List<String> javadoc = trimmed(between(Files.readAllLines(Path.of("src/main/java/aftershock/chaos/ChaosTimeline.java")),
                " * <pre>", " * </pre>")).stream()
                .map(line -> line.replaceFirst("^\\*\\s*", "").replace("&lt;", "<").replace("&gt;", ">"))
                .toList();
        List<String> compiled = trimmed(between(Files.readAllLines(Path.of("src/test/java/aftershock/chaos/ChaosTimelineTest.java")),
                "        // usage start", "        // usage end"));

        assertThat(javadoc).isNotEmpty().isEqualTo(compiled);
    }

    // The class javadoc's usage, here so that it compiles against the real API; the test above keeps both the same.
    @SuppressWarnings("unused")
    private static CompletableFuture<Void> javadocUsage(IntegrityCheck integrity, Fault redisKill, Probe readiness,
                                                        Instant loadStartedAt, List<FaultWindow> windows,
                                                        List<ReportedEvent> events) {
        // usage start
        // probe every 100 ms, 3 OK probes in a row make a recovery, give up after 60 s, keep probing 10 s after it
        ChaosTimeline.Watch watch = new ChaosTimeline.Watch(Duration.ofMillis(100), 3, Duration.ofSeconds(60),
                Duration.ofSeconds(10));
        ChaosTimeline timeline = new ChaosTimeline(watch, Clock.systemUTC(), windows::add)
                .beforeFaults("write the values", integrity::write)
                .then(FaultStep.held("redis-kill", redisKill, Duration.ofSeconds(30), Duration.ofSeconds(60), readiness))
                .afterRecovery("read the values back", integrity::readBack);
        CompletableFuture<Void> done = timeline.start(loadStartedAt, events::add);
        // usage end
        return done;
    }

    private static List<String> between(List<String> lines, String start, String end) {
        return lines.subList(lines.indexOf(start) + 1, lines.indexOf(end));
    }

    private static List<String> trimmed(List<String> lines) {
        return lines.stream().map(String::strip).toList();
    }

    /** Makes the probe fail while the wrapped fault is active, as a real outage would. */
    private record Observed(Fault fault, AtomicBoolean healthy) implements Fault {
        @Override
        public String name() {
            return fault.name();
        }

        @Override
        public String describe() {
            return fault.describe();
        }

        @Override
        public void inject() {
            fault.inject();
            healthy.set(false);
        }

        @Override
        public void restore() {
            fault.restore();
            healthy.set(true);
        }

        @Override
        public boolean isActive() {
            return fault.isActive();
        }

        @Override
        public FaultEvidence evidence() {
            return fault.evidence();
        }
    }
}
