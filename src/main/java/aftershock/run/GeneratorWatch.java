package aftershock.run;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.gatling.Requests;
import aftershock.generator.DescriptorBudget;
import aftershock.generator.DescriptorReserve;
import aftershock.generator.GeneratorMonitor;
import aftershock.generator.KoCauses;
import aftershock.verdict.GeneratorError;
import aftershock.verdict.GeneratorLimits;
import aftershock.verdict.GeneratorRecord;
import com.sun.management.UnixOperatingSystemMXBean;
import io.gatling.javaapi.core.PopulationBuilder;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The load generator watching itself during a run ({@code aftershock.generator}): the plan its users are held
 * against, the descriptor check before any load, the descriptors held in reserve, the scheduler probe, and what the
 * requests tell it (sent, arrived, failed on the generator's side). {@link #record()} is what the verdict judges.
 *
 * <pre>
 *   GeneratorWatch generator = new GeneratorWatch(run);
 *   generator.plans(usersPerSecond, peak);       // while the simulation is built
 *   generator.checkDescriptors();                // before any load
 *   generator.start(); ... generator.stop(warmUp);
 *   GeneratorHealth.judge(generator.record(), generator.limits());
 * </pre>
 */
final class GeneratorWatch implements Requests.Watch {

    /** The probe's pause: short enough to see a scheduler falling behind by a fraction of the lateness limit. */
    static final Duration PROBE_PAUSE = Duration.ofMillis(10);
    static final String PROBE = "generator probe";

    private final Run run;
    private volatile List<Double> plannedArrivals;
    private volatile double peakUsersPerSecond;
    private volatile int peakConcurrentUsers;
    private volatile GeneratorMonitor monitor;
    private volatile KoCauses koCauses;
    private DescriptorReserve reserve;
    private volatile GeneratorRecord record;

    GeneratorWatch(Run run) {
        this.run = run;
    }

    /** Adds an open population's plan to the run's: several open populations arrive side by side. */
    synchronized void plans(List<Double> usersPerSecond, double peak) {
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

    /** A closed population's peak concurrency: as many connections may be open at once. */
    synchronized void plansConcurrent(int peak) {
        peakConcurrentUsers = Math.max(peakConcurrentUsers, peak);
    }

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
     * run may open: one per user for the length of a request timeout at the peak rate (a slow target holds every
     * request that long), or the peak of a closed model. {@code max-connections} does not lower it: Gatling applies
     * {@code maxConnectionsPerHost} to each virtual user's own resource fetches, never to the shared pool (measured:
     * 5,189 connections open at 3,000 users/s with 64 set).
     */
    void checkDescriptors() {
        Settings generator = run.settings().section("generator");
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!generator.flag("descriptor-check") || !(os instanceof UnixOperatingSystemMXBean unix)) {
            return;
        }
        long connections = Math.max(peakConcurrentUsers,
                (long) Math.ceil(peakUsersPerSecond * run.requestTimeout().toMillis() / 1000.0));
        DescriptorBudget.shortfall(unix.getMaxFileDescriptorCount(), unix.getOpenFileDescriptorCount(),
                        generator.nonNegativeInt("descriptor-reserve"), connections)
                .ifPresent(line -> {
                    throw new ConfigurationException(line);
                });
    }

    /** The limits the generator's health is judged on ({@code aftershock.generator}). */
    GeneratorLimits limits() {
        return limits(run.settings().section("generator"));
    }

    /** The limits a {@code generator} section of the configuration sets. */
    static GeneratorLimits limits(Settings generator) {
        return new GeneratorLimits(generator.duration("late-after"), generator.number("max-late-percent"),
                generator.nonNegativeInt("max-generator-errors"), generator.duration("max-gc-pause"),
                generator.number("max-descriptor-percent"), generator.number("min-arrival-percent"),
                generator.number("max-cpu-percent"), generator.duration("start-grace"));
    }

    /** The start of load: KO causes are listened to, the reserve is held, the monitor starts its seconds. */
    synchronized void start() {
        koCauses = KoCauses.listen();
        reserve = DescriptorReserve.hold(run.settings().section("generator").nonNegativeInt("descriptor-reserve"));
        monitor = GeneratorMonitor.start();
    }

    /**
     * Gives back the descriptors held in reserve (the verdict and the reports need them) and stops watching;
     * {@code warmUp} is the run's warm-up, never judged. Safe to call twice.
     */
    synchronized void stop(Duration warmUp) {
        if (reserve != null) {
            reserve.release();
        }
        if (monitor != null && record == null) {
            record = monitor.stop(plannedArrivals, warmUp);
        }
    }

    /** What the generator recorded about itself, once the load stopped; null before. */
    GeneratorRecord record() {
        return record;
    }

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
