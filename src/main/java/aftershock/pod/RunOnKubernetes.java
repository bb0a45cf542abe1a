package aftershock.pod;

import aftershock.chaos.kubernetes.NamespaceAllowlist;
import aftershock.distributed.InjectorJob;
import aftershock.distributed.KubernetesInjectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a simulation on N injector pods of the runner image, from wherever {@code kubectl} works (a laptop, a CI
 * job): creates the Indexed Job, follows the pods, gathers their streams into {@code --results}, deletes the Job,
 * and exits with injector 0's verdict, or 3 (no verdict) when an injector or its stream was lost.
 *
 * <pre>
 *   java -cp ... aftershock.pod.RunOnKubernetes PodKill --injectors=2 --image=aftershock-runner:0.1.0-SNAPSHOT \
 *        --namespace=aftershock --results=target/aftershock/kubernetes scale=0.1
 * </pre>
 */
public final class RunOnKubernetes {

    static final String USAGE = "usage: RunOnKubernetes <Simulation> --injectors=N --image=IMAGE --namespace=NS"
            + " [--results=DIR] [--cpu=1] [--memory=1Gi] [--start-in-seconds=60] [--pod-start-seconds=120]"
            + " [--finish-seconds=900] [--keep] [name=value ...]";

    private RunOnKubernetes() {
    }

    public static void main(String[] args) {
        int code;
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            code = run(args, client, System.out, System.err);
        }
        System.exit(code);
    }

    static int run(String[] args, KubernetesClient client, PrintStream out, PrintStream err) {
        Map<String, String> options = new TreeMap<>();
        Map<String, String> settings = new TreeMap<>();
        if (args.length == 0 || args[0].startsWith("-")) {
            err.println("aftershock: bad input: expected a simulation's name first\n" + USAGE);
            return 2;
        }
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (arg.startsWith("--")) {
                options.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals), equals < 0 ? "true" : arg.substring(equals + 1));
            } else if (equals > 0) {
                settings.put(arg.substring(0, equals), arg.substring(equals + 1));
            } else {
                err.println("aftershock: bad input: argument '" + arg + "' is neither --option nor name=value\n" + USAGE);
                return 2;
            }
        }
        InjectorJob job;
        String namespace = options.getOrDefault("namespace", "");
        try {
            for (String required : new String[]{"injectors", "image", "namespace"}) {
                if (!options.containsKey(required)) {
                    throw new IllegalArgumentException("--" + required + " is missing");
                }
            }
            String name = (args[0] + "-" + Long.toString(Instant.now().getEpochSecond(), 36)).toLowerCase(Locale.ROOT);
            job = new InjectorJob(name, options.get("image"), args[0], Integer.parseInt(options.get("injectors")),
                    Instant.now().plusSeconds(Long.parseLong(options.getOrDefault("start-in-seconds", "60"))),
                    new InjectorJob.PodResources(options.getOrDefault("cpu", "1"), options.getOrDefault("memory", "1Gi")),
                    settings);
        } catch (IllegalArgumentException e) {
            err.println("aftershock: bad input: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        Path results = Path.of(options.getOrDefault("results", "target/aftershock/kubernetes")).resolve(job.name());
        try (KubernetesInjectors injectors = new KubernetesInjectors(client, NamespaceAllowlist.of(namespace), namespace,
                job, results, Duration.ofSeconds(Long.parseLong(options.getOrDefault("pod-start-seconds", "120"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("finish-seconds", "900"))),
                options.containsKey("keep"))) {
            KubernetesInjectors.Result result = injectors.run();
            if (!result.complete()) {
                result.lost().forEach(line -> err.println("lost: " + line));
                out.println("aftershock: no verdict: " + result.lost().size() + " of the injectors' results were lost"
                        + " (see above); results in " + results);
                return 3;
            }
            return verdict(result, results, out);
        } catch (KubernetesInjectors.PodsNotStarting e) {
            out.println("aftershock: " + e.getMessage());
            return 1;
        }
    }

    private static int verdict(KubernetesInjectors.Result result, Path results, PrintStream out) {
        if (result.outcome().isEmpty()) {
            out.println("aftershock: no verdict: injector 0 sent no outcome.json (exit code " + result.exitCodes().get(0)
                    + "); results in " + results);
            return 3;
        }
        try {
            JsonNode outcome = new ObjectMapper().readTree(result.outcome().get());
            out.println(outcome.path("line").asText("aftershock: " + outcome.path("outcome").asText()));
            out.println("results in " + results);
            return outcome.path("exitCode").asInt(1);
        } catch (java.io.IOException e) {
            out.println("aftershock: no verdict: injector 0's outcome.json is not JSON (" + e.getMessage() + ")");
            return 3;
        }
    }
}
