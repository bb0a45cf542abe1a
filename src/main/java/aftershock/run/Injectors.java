package aftershock.run;

import aftershock.distributed.Injector;
import aftershock.distributed.InjectorFleet;
import aftershock.distributed.InjectorReport;
import aftershock.distributed.InjectorResults;
import aftershock.distributed.StartSignal;
import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import aftershock.report.InjectorsPage;
import aftershock.verdict.GeneratorHealth;
import aftershock.verdict.RunSummary;
import aftershock.waiting.Wait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The injectors of a run spread over {@code aftershock.injectors}: injector 0 starts the others on this machine
 * (unless they were started elsewhere with a start instant), hands out the start, and after the load gathers what
 * each wrote; every other injector says it is ready, waits for the start and reports its part.
 *
 * <pre>
 *   Injectors injectors = new Injectors(run);
 *   injectors.startOthers(getClass().getName());      // injector 0, once the simulation is built
 *   Instant startAt = injectors.awaitStart();         // every injector, before its load
 * </pre>
 */
final class Injectors implements AutoCloseable {

    private final Run run;
    private final Injector injector;
    private final StartSignal signal;
    private volatile InjectorFleet fleet;
    private volatile Instant startAt;

    Injectors(Run run) {
        this.run = run;
        this.injector = run.injector();
        this.signal = injector.distributed() ? new StartSignal(injector.folder().getParent()) : null;
    }

    Injector injector() {
        return injector;
    }

    /** Injector 0 on one machine: starts injectors 1 to N-1, each running {@code simulationClass}. */
    void startOthers(String simulationClass) {
        if (injector.distributed() && injector.conducts() && injector.startAt().isEmpty()) {
            fleet = InjectorFleet.start(injector, signal, simulationClass, run.target().baseUrls(),
                    LeftoverProcesses.inProjectDirectory(), ProcessKiller.sigkill());
        }
    }

    /** Waits for the common start instant and returns it; null for a run of one injector. */
    Instant awaitStart() {
        if (!injector.distributed()) {
            return null;
        }
        Duration readyTimeout = run.settings().section("injector").duration("ready-timeout");
        Instant at;
        if (injector.startAt().isPresent()) {
            at = injector.startAt().get();
        } else if (injector.conducts()) {
            at = fleet.awaitReadyAndStart(readyTimeout);
        } else {
            signal.ready(injector.index());
            at = signal.awaitStart(readyTimeout);
        }
        StartSignal.awaitInstant(at);
        startAt = at;
        return at;
    }

    /** Writes this injector's report beside its interval log, once its load ended. */
    void report(Instant loadStartedAt, GeneratorHealth generator, Collection<Long> failedEpochTenths) {
        new InjectorReport(injector.index(), injector.count(), startAt == null ? 0 : startAt.toEpochMilli(),
                loadStartedAt.toEpochMilli(), generator == null || generator.keptUp(),
                generator == null ? "not watched" : generator.keptUp() ? "kept up" : "did not keep up: "
                        + generator.guards().stream().filter(GeneratorHealth.Guard::tripped)
                        .map(guard -> guard.name() + " measured " + guard.measured()).toList(),
                List.copyOf(failedEpochTenths))
                .write(injector.folder());
    }

    /** Injector 0, after its own load: waits for the others to end and gathers what each wrote. */
    InjectorResults gather(Instant secondZero) {
        Duration finishTimeout = run.settings().section("injector").duration("finish-timeout");
        Map<Integer, Integer> exitCodes;
        if (fleet != null) {
            exitCodes = fleet.awaitEnd(finishTimeout);
        } else {
            // Started elsewhere (pods sharing a volume): their reports are the sign they ended.
            Wait.forValue("every injector's " + InjectorReport.FILE + " under " + signal.folder(0).getParent(),
                            () -> IntStream.range(0, injector.count())
                                    .filter(index -> InjectorReport.read(signal.folder(index)).isEmpty()).boxed().toList(),
                            List::isEmpty)
                    .atMost(finishTimeout).pollInterval(Duration.ofMillis(500)).awaitOutcome();
            exitCodes = Map.of();
        }
        return InjectorResults.collect(signal, injector.count(), exitCodes, secondZero);
    }

    /** Writes injectors.html beside summary.json and returns the console's line on the injectors. */
    String page(Path folder, RunSummary summary, InjectorResults results, List<Long> requestsPerInjector) {
        List<InjectorsPage.Row> rows = new ArrayList<>();
        for (InjectorReport report : results.reports()) {
            Path gatling = results.gatlingReports().stream()
                    .filter(p -> p.startsWith(signal.folder(report.index()))).findFirst().orElse(null);
            if (gatling == null && report.index() == 0) {
                gatling = folder.resolve("index.html");
            }
            rows.add(new InjectorsPage.Row("injector " + report.index() + " of " + report.count(),
                    requestsPerInjector.get(report.index()), report.lateMillis(), gatling));
        }
        for (int index = 0; index < results.intervalLogs().size(); index++) {
            copy(results.intervalLogs().get(index), folder.resolve("requests-injector-" + index + ".hlog"));
        }
        Path page = InjectorsPage.write(folder, summary, results.startSkewMillis(), rows);
        return String.format("%d injectors, %s requests, start skew %d ms (goal: 100 ms or less); %s",
                injector.count(), String.join(" + ", requestsPerInjector.stream().map(String::valueOf).toList()),
                results.startSkewMillis(), page);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": check the folder is writable", e);
        }
    }

    /** Where injector {@code index}'s console output is kept, for a reader following up on what it said. */
    Path consoleLog(int index) {
        return signal.folder(index).resolve("console.log");
    }

    /** Kills, by pid, every injector this one started that still runs. */
    @Override
    public void close() {
        InjectorFleet started = fleet;
        if (started != null) {
            started.close();
        }
    }
}
