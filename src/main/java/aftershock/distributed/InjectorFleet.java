package aftershock.distributed;

import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import aftershock.process.ProcessLogs;
import aftershock.waiting.Wait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Injectors 1 to N-1 of a run on this machine, started by injector 0 as JVMs of their own running the same
 * simulation: each is given its index, the count, its folder and the target's base URLs; injector 0 hands them the
 * start instant ({@link StartSignal}) and collects what they wrote once they end. Each is recorded as a leftover
 * until it ends, and killed by its pid alone.
 *
 * <pre>
 *   InjectorFleet fleet = InjectorFleet.start(injector, signal, "aftershock.simulations.SustainedLoad", target.baseUrls(),
 *           LeftoverProcesses.inProjectDirectory(), ProcessKiller.sigkill());
 *   Instant startAt = fleet.awaitReadyAndStart(Duration.ofSeconds(90));
 *   Map&lt;Integer, Integer&gt; exitCodes = fleet.awaitEnd(Duration.ofMinutes(2));
 * </pre>
 */
public final class InjectorFleet implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(InjectorFleet.class);
    /** Gatling's own entry point: what gatling:test runs in its forked JVM. */
    static final String GATLING_MAIN = "io.gatling.app.Gatling";
    static final String CONSOLE_LOG = "console.log";

    private final Injector conductor;
    private final StartSignal signal;
    private final Map<Integer, Process> processes;
    private final LeftoverProcesses leftovers;
    private final ProcessKiller killer;

    private InjectorFleet(Injector conductor, StartSignal signal, Map<Integer, Process> processes,
                          LeftoverProcesses leftovers, ProcessKiller killer) {
        this.conductor = conductor;
        this.signal = signal;
        this.processes = processes;
        this.leftovers = leftovers;
        this.killer = killer;
    }

    /** Starts injectors 1 to count - 1 of {@code conductor}'s run, each sending its load to {@code targetUrls}. */
    public static InjectorFleet start(Injector conductor, StartSignal signal, String simulationClass, List<URI> targetUrls,
                                      LeftoverProcesses leftovers, ProcessKiller killer) {
        Map<Integer, Process> started = new TreeMap<>();
        InjectorFleet fleet = new InjectorFleet(conductor, signal, started, leftovers, killer);
        try {
            for (int index = 1; index < conductor.count(); index++) {
                Path folder = signal.folder(index);
                Files.createDirectories(folder);
                List<String> command = command(index, conductor.count(), folder, simulationClass, targetUrls,
                        jvmFlags(), System.getProperties());
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(folder.resolve(CONSOLE_LOG).toFile()).start();
                started.put(index, process);
                leftovers.record(process.toHandle(), "injector " + index + " of " + conductor.count() + ": "
                        + simulationClass);
                logger.info("injector {} of {} started as pid {}, writing to {}", index, conductor.count(), process.pid(),
                        folder);
            }
            return fleet;
        } catch (IOException e) {
            fleet.close();
            throw new UncheckedIOException("cannot start the injectors of " + simulationClass + ": " + e.getMessage()
                    + "; check that " + signal.folder(0).getParent() + " is writable", e);
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /**
     * The command of injector {@code index}: this JVM's own flags and Aftershock properties, the injector's own
     * settings on top, then Gatling's entry point on the same classpath, its report in the injector's folder.
     */
    static List<String> command(int index, int count, Path folder, String simulationClass, List<URI> targetUrls,
                                List<String> jvmFlags, Properties properties) {
        String java = ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        Map<String, String> props = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("aftershock.") || name.equals("scale") || name.equals("simulation")) {
                props.put(name, properties.getProperty(name));
            }
        }
        props.keySet().removeIf(name -> name.startsWith("aftershock.injector."));
        props.put("aftershock.injectors", Integer.toString(count));
        props.put("aftershock.injector.index", Integer.toString(index));
        props.put("aftershock.injector.folder", folder.toString());
        props.put("aftershock.injector.target-urls", targetUrls.stream().map(URI::toString).collect(Collectors.joining(",")));
        props.put("aftershock.results", folder.toString());
        props.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GATLING_MAIN,
                "--simulation", simulationClass, "--results-folder", folder.resolve("gatling").toString(),
                "--launcher", "maven", "--build-tool-version", "3"));
        return command;
    }

    /** This JVM's flags (heap, stack, GC), without its properties and without a debugger's port. */
    private static List<String> jvmFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> !flag.startsWith("-D") && !flag.startsWith("-agentlib") && !flag.startsWith("-javaagent"))
                .toList();
    }

    /**
     * Waits until every other injector is ready, then hands out the start instant and returns it. An injector that
     * exits meanwhile ends the wait at once, with the end of its console.
     */
    public Instant awaitReadyAndStart(Duration timeout) {
        Wait.forValue("injectors 1 to " + (conductor.count() - 1) + " to be ready", this::notReady, List::isEmpty)
                .atMost(timeout).pollInterval(Duration.ofMillis(20))
                .seenAs(waiting -> "not ready: injectors " + waiting)
                .failFast(this::refuseIfOneExited)
                .onTimeout(() -> "each writes 'ready' into its folder once its simulation is built; see "
                        + signal.folder(1).resolve(CONSOLE_LOG))
                .await();
        return signal.start();
    }

    private List<Integer> notReady() {
        return processes.keySet().stream().filter(index -> !signal.isReady(index)).toList();
    }

    private void refuseIfOneExited() {
        processes.forEach((index, process) -> {
            if (!process.isAlive()) {
                Path console = signal.folder(index).resolve(CONSOLE_LOG);
                throw new IllegalStateException("injector " + index + " of " + conductor.count() + " (pid "
                        + process.pid() + ") exited with code " + process.exitValue() + " before the start; "
                        + ProcessLogs.endOf(console, 15));
            }
        });
    }

    /**
     * Waits until every other injector has ended, at most {@code timeout}, and returns each one's exit code; one
     * still running then is killed and reported with exit code -1.
     */
    public Map<Integer, Integer> awaitEnd(Duration timeout) {
        Wait.forValue("injectors 1 to " + (conductor.count() - 1) + " to end",
                        () -> processes.values().stream().filter(Process::isAlive).count(), alive -> alive == 0)
                .atMost(timeout).pollInterval(Duration.ofMillis(100)).awaitOutcome();
        Map<Integer, Integer> exitCodes = new TreeMap<>();
        processes.forEach((index, process) -> {
            if (process.isAlive()) {
                logger.warn("injector {} of {} (pid {}) still runs {} after the load: killed", index, conductor.count(),
                        process.pid(), timeout);
                killer.kill(process.toHandle());
                exitCodes.put(index, -1);
            } else {
                exitCodes.put(index, process.exitValue());
            }
            leftovers.forget(process.pid());
        });
        return exitCodes;
    }

    /** The pid of injector {@code index}. */
    public long pid(int index) {
        return processes.get(index).pid();
    }

    /** Kills, by pid, every injector still running; safe to call twice. */
    @Override
    public void close() {
        processes.forEach((index, process) -> {
            if (process.isAlive()) {
                try {
                    killer.kill(process.toHandle());
                } catch (RuntimeException e) {
                    logger.warn("while killing injector {} (pid {}): {}", index, process.pid(), e.toString());
                }
            }
            leftovers.forget(process.pid());
        });
    }
}
