package aftershock.distributed;

import aftershock.chaos.kubernetes.NamespaceAllowlist;
import aftershock.waiting.Wait;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an {@link InjectorJob} and gathers what its pods send: creates the Job, follows each pod's log from the
 * moment its container runs (kubelet rotates container logs, so a log read at the end may have lost its head),
 * keeps each injector's interval log and report only when their streams ended with matching counts and checksums,
 * and deletes the Job and its pods afterwards unless asked to keep them. A pod that cannot start (an image that
 * cannot be pulled, a pod left Pending) stops the run within {@code podStartTimeout}, with Kubernetes' reason.
 *
 * <pre>
 *   try (KubernetesInjectors run = new KubernetesInjectors(client, allowlist, "aftershock", job, runFolder,
 *           Duration.ofMinutes(2), Duration.ofMinutes(10), false)) {
 *       KubernetesInjectors.Result result = run.run();     // result.lost() empty, or never a PASS
 *   }
 * </pre>
 */
public final class KubernetesInjectors implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(KubernetesInjectors.class);
    /** The files each injector must send; the conductor also sends its outcome.json. */
    static final List<String> REQUIRED = List.of(InjectorReport.INTERVAL_LOG, InjectorReport.FILE);
    static final String OUTCOME = "outcome.json";
    static final String SUMMARY = "summary.json";
    /** Waiting reasons that never clear on their own: the run stops at once. */
    private static final Set<String> HOPELESS = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError");

    private final KubernetesClient client;
    private final NamespaceAllowlist allowlist;
    private final String namespace;
    private final InjectorJob job;
    private final Path runFolder;
    private final Duration podStartTimeout;
    private final Duration finishTimeout;
    private final boolean keep;
    private final Clock clock;
    private final Map<Integer, LogStream.Reader> readers = new ConcurrentHashMap<>();
    private final Map<Integer, LogWatch> follows = new ConcurrentHashMap<>();
    private boolean created;

    /**
     * @param podStartTimeout how long a pod may stay Pending before the run stops
     * @param finishTimeout   how long the whole Job may take, from its creation
     * @param keep            true to leave the Job and its pods for {@code kubectl logs} and {@code describe}
     */
    public KubernetesInjectors(KubernetesClient client, NamespaceAllowlist allowlist, String namespace, InjectorJob job,
                               Path runFolder, Duration podStartTimeout, Duration finishTimeout, boolean keep) {
        this(client, allowlist, namespace, job, runFolder, podStartTimeout, finishTimeout, keep, Clock.systemUTC());
    }

    KubernetesInjectors(KubernetesClient client, NamespaceAllowlist allowlist, String namespace, InjectorJob job,
                        Path runFolder, Duration podStartTimeout, Duration finishTimeout, boolean keep, Clock clock) {
        this.client = client;
        this.allowlist = allowlist;
        this.namespace = namespace;
        this.job = job;
        this.runFolder = runFolder;
        this.podStartTimeout = podStartTimeout;
        this.finishTimeout = finishTimeout;
        this.keep = keep;
        this.clock = clock;
    }

    /**
     * What the run's pods left: each one's exit code, and one line per injector whose pod failed or whose stream
     * was missing or corrupt. The files that arrived whole are in {@code runFolder/injector-<index>/}.
     */
    public record Result(Map<Integer, Integer> exitCodes, List<String> lost, Optional<String> outcome) {

        /** True when every pod ended and every stream arrived whole: only then can the conductor's verdict stand. */
        public boolean complete() {
            return lost.isEmpty();
        }
    }

    /**
     * Creates the Job, follows its pods to their end and gathers their streams.
     *
     * @throws PodsNotStarting when a pod cannot pull its image or stays Pending longer than podStartTimeout
     */
    public Result run() {
        job.create(client, allowlist, namespace);
        created = true;
        Instant createdAt = clock.instant();
        logger.info("created Job {}/{}: {} injectors of {}, load from {}", namespace, job.name(), job.injectors(),
                job.simulation(), job.startAt());
        Wait.forValue("the " + job.injectors() + " pods of Job " + namespace + "/" + job.name() + " to end",
                        () -> pods(createdAt), this::allEnded)
                .atMost(finishTimeout).pollInterval(Duration.ofMillis(250))
                .seenAs(this::describe)
                .onTimeout(() -> "see kubectl -n " + namespace + " describe job " + job.name()
                        + "; raise the finish timeout if the run is longer")
                .awaitOutcome();
        Map<Integer, Pod> ended = byIndex(client.pods().inNamespace(namespace)
                .withLabel(InjectorJob.INSTANCE_LABEL, job.name()).list().getItems());
        awaitLogsEnd(Duration.ofSeconds(10));
        return gather(ended);
    }

    private Map<Integer, Pod> pods(Instant createdAt) {
        Map<Integer, Pod> pods = byIndex(client.pods().inNamespace(namespace)
                .withLabel(InjectorJob.INSTANCE_LABEL, job.name()).list().getItems());
        pods.forEach((index, pod) -> {
            refuseIfStuck(index, pod, createdAt);
            if (started(pod)) {
                follow(index, pod);
            }
        });
        return pods;
    }

    private void refuseIfStuck(int index, Pod pod, Instant createdAt) {
        for (ContainerStatus status : containerStatuses(pod)) {
            if (status.getState() != null && status.getState().getWaiting() != null
                    && HOPELESS.contains(status.getState().getWaiting().getReason())) {
                throw new PodsNotStarting("injector " + index + " (pod " + pod.getMetadata().getName() + ") cannot"
                        + " start: " + status.getState().getWaiting().getReason() + ": "
                        + status.getState().getWaiting().getMessage() + "; is image " + job.image()
                        + " built and loaded (mvn -Pimage ... jib:dockerBuild, kind load docker-image)?");
            }
        }
        Duration pending = Duration.between(createdAt, clock.instant());
        if ("Pending".equals(phase(pod)) && pending.compareTo(podStartTimeout) > 0) {
            String why = pod.getStatus() == null ? "no status yet" : pod.getStatus().getConditions().stream()
                    .filter(condition -> "False".equals(condition.getStatus()))
                    .map(condition -> condition.getType() + ": " + condition.getReason() + " " + message(condition))
                    .findFirst().orElse("no condition says why");
            throw new PodsNotStarting("injector " + index + " (pod " + pod.getMetadata().getName() + ") is still"
                    + " Pending after " + podStartTimeout.toSeconds() + " s (" + why + "); see kubectl -n " + namespace
                    + " describe pod " + pod.getMetadata().getName() + ": too few CPUs or memory for the requests?");
        }
    }

    private static String message(PodCondition condition) {
        return condition.getMessage() == null ? "" : condition.getMessage();
    }

    private void follow(int index, Pod pod) {
        follows.computeIfAbsent(index, i -> {
            LogStream.Reader reader = readers.computeIfAbsent(i, LogStream.Reader::new);
            logger.info("following the log of injector {} (pod {})", i, pod.getMetadata().getName());
            return client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                    .watchLog(new Lines(reader));
        });
    }

    private void awaitLogsEnd(Duration timeout) {
        // A pod that ended is followed to its end by the API server: the follow closes on its own.
        Instant deadline = clock.instant().plus(timeout);
        for (LogWatch watch : follows.values()) {
            Duration left = Duration.between(clock.instant(), deadline);
            try {
                watch.onClose().toCompletableFuture().get(Math.max(1, left.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                logger.warn("a pod's log did not close {} after its end: {}", timeout, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Result gather(Map<Integer, Pod> pods) {
        Map<Integer, Integer> exitCodes = new TreeMap<>();
        List<String> lost = new ArrayList<>();
        Optional<String> outcome = Optional.empty();
        for (int index = 0; index < job.injectors(); index++) {
            Pod pod = pods.get(index);
            Integer exitCode = pod == null ? null : exitCode(pod);
            exitCodes.put(index, exitCode == null ? -1 : exitCode);
            if (pod == null) {
                lost.add("injector " + index + " of " + job.injectors() + " never had a pod");
                continue;
            }
            if (exitCode == null) {
                lost.add("injector " + index + " of " + job.injectors() + " (pod " + pod.getMetadata().getName()
                        + ") did not end within " + finishTimeout.toSeconds() + " s");
            }
            LogStream.Reader reader = readers.computeIfAbsent(index, LogStream.Reader::new);
            Path folder = runFolder.resolve("injector-" + index);
            for (String name : REQUIRED) {
                Optional<String> text = reader.file(name);
                if (text.isPresent()) {
                    write(folder.resolve(name), text.get());
                } else {
                    lost.add(reader.problem(name).orElseThrow() + " (exit code " + (exitCode == null ? "none"
                            : exitCode) + "; kubectl -n " + namespace + " logs " + pod.getMetadata().getName() + ")");
                }
            }
            if (index == 0) {
                outcome = reader.file(OUTCOME);
                outcome.ifPresent(text -> write(folder.resolve(OUTCOME), text));
                reader.file(SUMMARY).ifPresent(text -> write(folder.resolve(SUMMARY), text));
            }
        }
        return new Result(exitCodes, List.copyOf(lost), outcome);
    }

    private boolean allEnded(Map<Integer, Pod> pods) {
        return pods.size() >= job.injectors() && pods.values().stream().allMatch(pod -> exitCode(pod) != null);
    }

    private String describe(Map<Integer, Pod> pods) {
        Map<Integer, String> phases = new TreeMap<>();
        pods.forEach((index, pod) -> phases.put(index, phase(pod)));
        return pods.size() + " of " + job.injectors() + " pods, phases " + phases;
    }

    private static Map<Integer, Pod> byIndex(List<Pod> pods) {
        Map<Integer, Pod> byIndex = new TreeMap<>();
        for (Pod pod : pods) {
            String index = pod.getMetadata().getAnnotations() == null ? null
                    : pod.getMetadata().getAnnotations().get(InjectorJob.COMPLETION_INDEX_ANNOTATION);
            if (index != null && index.matches("\\d+")) {
                byIndex.put(Integer.parseInt(index), pod);
            }
        }
        return byIndex;
    }

    private static boolean started(Pod pod) {
        return containerStatuses(pod).stream().anyMatch(status -> status.getState() != null
                && (status.getState().getRunning() != null || status.getState().getTerminated() != null));
    }

    private static Integer exitCode(Pod pod) {
        return containerStatuses(pod).stream()
                .filter(status -> status.getState() != null && status.getState().getTerminated() != null)
                .map(status -> status.getState().getTerminated().getExitCode())
                .findFirst().orElse(null);
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": check the folder is writable", e);
        }
    }

    /**
     * Stops following every log and, unless kept, deletes the Job and its pods (kubectl delete job --cascade):
     * safe to call twice.
     */
    @Override
    public void close() {
        follows.values().forEach(LogWatch::close);
        if (!created || keep) {
            if (created) {
                logger.info("kept Job {}/{} and its pods: kubectl -n {} delete job {} when done", namespace, job.name(),
                        namespace, job.name());
            }
            return;
        }
        client.batch().v1().jobs().inNamespace(namespace).withName(job.name()).withPropagationPolicy(
                io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        // The Job's garbage collector deletes them too, later; one by one, so the Role needs no deletecollection.
        client.pods().inNamespace(namespace).withLabel(InjectorJob.INSTANCE_LABEL, job.name()).list().getItems()
                .forEach(pod -> client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete());
        created = false;
    }

    /** A pod of the Job cannot start: the run stops before its load, naming the pod and Kubernetes' reason. */
    public static final class PodsNotStarting extends RuntimeException {
        PodsNotStarting(String message) {
            super(message);
        }
    }

    /** Hands each complete line of a followed log to the reader, as it arrives. */
    private static final class Lines extends OutputStream {
        private final LogStream.Reader reader;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        Lines(LogStream.Reader reader) {
            this.reader = reader;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                reader.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) {
                reader.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
