package aftershock.chaos;

import aftershock.gatling.ReportedEvent;
import aftershock.probes.Probes;
import aftershock.verdict.Comparison;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.Metric;
import aftershock.verdict.Threshold;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

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
    }
}
