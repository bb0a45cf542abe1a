package aftershock.pod;

import aftershock.catalog.SimulationCatalog;
import aftershock.catalog.UnknownSimulation;
import aftershock.distributed.InjectorReport;
import aftershock.distributed.LogStream;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one simulation by name with plain {@code java}, no Maven: the entry point of the runner image, and so of
 * each pod of the injectors' Indexed Job. It takes its index from {@code JOB_COMPLETION_INDEX} (Kubernetes sets it
 * in every pod of an Indexed Job), runs Gatling's own entry point in this JVM, then sends its interval log and
 * report through its own log ({@link LogStream}) for the coordinator that follows it, and exits with Gatling's code.
 *
 * <pre>
 *   java -cp @/app/jib-classpath-file aftershock.pod.InjectorPod PodKill scale=0.1 aftershock.injectors=2 \
 *        aftershock.injector.start-at=2026-11-30T08:30:00Z aftershock.injector.run-folder=/results/podkill-1
 * </pre>
 */
public final class InjectorPod {

    /** Set by Kubernetes in each pod of an Indexed Job: 0 to completions - 1. */
    public static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
    /** The run's folder, shared by its injectors; each writes to {@code injector-<index>} in it. */
    public static final String RUN_FOLDER = "aftershock.injector.run-folder";
    static final String USAGE = "usage: InjectorPod <Simulation> [name=value ...]   (for example: InjectorPod PodKill"
            + " scale=0.1 aftershock.injectors=2)";

    private InjectorPod() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), SimulationCatalog::onClasspath, InjectorPod::gatling, System.out,
                System.err));
    }

    /** Gatling's own run in this JVM with these system properties; its exit code (0 ok, 2 assertions failed). */
    interface Gatling {
        int run(Map<String, String> properties, String[] args);
    }

    private static int gatling(Map<String, String> properties, String[] args) {
        properties.forEach(System::setProperty);
        return io.gatling.app.Gatling$.MODULE$.fromArgs(args);
    }

    static int run(String[] args, Map<String, String> env, java.util.function.Supplier<SimulationCatalog> catalog,
                   Gatling gatling, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].startsWith("-") || args[0].contains("=")) {
            err.println("injector: expected a simulation's name first\n" + USAGE);
            return 1;
        }
        Map<String, String> properties;
        String simulationClass;
        try {
            properties = properties(args, env);
            simulationClass = catalog.get().find(args[0]).className();
        } catch (IllegalArgumentException | UnknownSimulation e) {
            err.println("injector: " + e.getMessage());
            return 1;
        }
        // Gatling's report goes where the run's summary.json and outcome.json go (aftershock.results); the interval
        // log and injector.json go to the injector's folder.
        Path results = Path.of(properties.get("aftershock.results"));
        Path folder = Path.of(properties.getOrDefault("aftershock.injector.folder", results.toString()));
        int index = Integer.parseInt(properties.getOrDefault("aftershock.injector.index", "0"));
        int code = gatling.run(properties, new String[]{"--simulation", simulationClass,
                "--results-folder", results.toString(), "--launcher", "maven", "--build-tool-version", "3"});
        send(index, folder, InjectorReport.INTERVAL_LOG, out);
        send(index, folder, InjectorReport.FILE, out);
        send(index, results, "outcome.json", out);
        latestSummary(results).ifPresent(summary -> send(index, summary.getParent(), SUMMARY, out));
        return code;
    }

    static final String SUMMARY = "summary.json";

    /** The conductor's summary.json, in its newest Gatling report folder. */
    private static java.util.Optional<Path> latestSummary(Path gatlingResults) {
        if (!Files.isDirectory(gatlingResults)) {
            return java.util.Optional.empty();
        }
        try (java.util.stream.Stream<Path> runs = Files.list(gatlingResults)) {
            return runs.map(run -> run.resolve(SUMMARY)).filter(Files::exists)
                    .max(java.util.Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The system properties of this injector: each {@code name=value} argument, then its index from
     * {@code JOB_COMPLETION_INDEX}, and its folder in the run folder.
     */
    static Map<String, String> properties(String[] args, Map<String, String> env) {
        Map<String, String> properties = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("argument '" + args[i] + "' is not name=value: write, for example,"
                        + " scale=0.1\n" + USAGE);
            }
            properties.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        String index = env.get(INDEX_ENV);
        if (index != null && !properties.containsKey("aftershock.injector.index")) {
            if (!index.matches("\\d+")) {
                throw new IllegalArgumentException(INDEX_ENV + " is '" + index + "': expected 0 or more, as Kubernetes"
                        + " sets it in an Indexed Job");
            }
            properties.put("aftershock.injector.index", index);
        }
        String runFolder = properties.remove(RUN_FOLDER);
        if (runFolder != null) {
            String own = runFolder + "/injector-" + properties.getOrDefault("aftershock.injector.index", "0");
            properties.putIfAbsent("aftershock.injector.folder", own);
            // Under gatling/, where injector 0 looks for the others' reports to link them.
            properties.putIfAbsent("aftershock.results", own + "/gatling");
        }
        properties.putIfAbsent("aftershock.results", "target/aftershock");
        return properties;
    }

    private static void send(int index, Path folder, String name, PrintStream out) {
        Path file = folder.resolve(name);
        if (!Files.exists(file)) {
            // No stream at all: the coordinator names the missing file.
            return;
        }
        try {
            LogStream.send(index, name, Files.readString(file), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to send it: " + e.getMessage(), e);
        }
    }
}
