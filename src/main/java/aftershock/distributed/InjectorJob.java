package aftershock.distributed;

import aftershock.chaos.kubernetes.NamespaceAllowlist;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reproduces {@code kubectl create -f injector-job.yaml} for an Indexed Job of {@code injectors} Gatling injectors
 * of the runner image.
 *
 * <p>Each pod runs the image's entry point ({@code aftershock.pod.InjectorPod}) with the simulation's short name
 * and {@code name=value} settings: the count, the common start instant, and the run's folder on the shared
 * results volume. Its index is {@code JOB_COMPLETION_INDEX}, which Kubernetes sets in every pod of an Indexed Job.
 * No Maven and no shell in the pod.
 *
 * <pre>
 *   InjectorJob injectors = new InjectorJob("podkill-1", "aftershock-runner:0.1.0", "PodKill", 2, startAt,
 *           PodResources.DEFAULT, Map.of("scale", "0.1"));
 *   injectors.create(client, allowlist, "aftershock");
 * </pre>
 *
 * @param name       the Job's name; pods are named {@code <name>-<index>-<suffix>}
 * @param image      the runner image (built with {@code mvn -Pimage})
 * @param simulation short class name, as for {@code -Dsimulation}
 * @param injectors  how many injectors run at once; also the number of completions
 * @param startAt    when the load starts on every injector
 * @param resources  each pod's requests and limits
 * @param settings   further settings for every injector ({@code scale}, {@code aftershock.*})
 */
public record InjectorJob(String name, String image, String simulation, int injectors, Instant startAt,
                          PodResources resources, Map<String, String> settings) {

    /** The runner's service account (deploy/runner): injector 0 fires the faults with it. */
    public static final String SERVICE_ACCOUNT = "aftershock-runner";
    /** The volume every injector of a run shares; injector 0 reads the others' folders there. */
    public static final String RESULTS_CLAIM = "aftershock-results";
    public static final String RESULTS_PATH = "/results";
    /** Settings every pod takes from (deploy/runner): BASE_URL and the like, and the credentials. */
    public static final String CONFIG = "aftershock-runner";
    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    static final String COMPLETION_INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";

    /**
     * A pod's requests and limits. Requests equal to limits give the injectors the Guaranteed class, so a busy
     * node does not take CPU from a load generator mid-run.
     */
    public record PodResources(String cpu, String memory) {
        public static final PodResources DEFAULT = new PodResources("1", "1Gi");
    }

    public InjectorJob {
        if (injectors < 2) {
            throw new IllegalArgumentException("an injector job needs 2 or more injectors, got " + injectors
                    + ": for one, run mvn gatling:test -Dsimulation=" + simulation + " where the target is reachable");
        }
        settings = Map.copyOf(settings);
    }

    /** The arguments of each pod's entry point. */
    public List<String> args() {
        List<String> args = new ArrayList<>();
        args.add(simulation);
        settings.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(setting -> args.add(setting.getKey() + "=" + setting.getValue()));
        args.add("aftershock.injectors=" + injectors);
        args.add("aftershock.injector.start-at=" + startAt);
        args.add("aftershock.injector.run-folder=" + RESULTS_PATH + "/" + name);
        return args;
    }

    /** The batch/v1 Job, not yet sent anywhere. */
    public Job toJob(String namespace) {
        Map<String, String> labels = Map.of(
                "app.kubernetes.io/name", "aftershock-injector",
                INSTANCE_LABEL, name);
        Map<String, Quantity> limits = Map.of("cpu", new Quantity(resources.cpu()), "memory",
                new Quantity(resources.memory()));
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec()
                    .withCompletionMode("Indexed")
                    .withCompletions(injectors)
                    .withParallelism(injectors)
                    // A retried injector would replay its share of the load on top of the others: fail instead.
                    .withBackoffLimit(0)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withServiceAccountName(SERVICE_ACCOUNT)
                            .addNewContainer()
                                .withName("injector")
                                .withImage(image)
                                .withArgs(args())
                                .withNewResources().withRequests(limits).withLimits(limits).endResources()
                                .addNewEnvFrom().withNewConfigMapRef(CONFIG, true).endEnvFrom()
                                .addNewEnvFrom().withNewSecretRef(CONFIG, true).endEnvFrom()
                                .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef()
                                    .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
                                .addNewVolumeMount().withName("results").withMountPath(RESULTS_PATH).endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName("results").withNewPersistentVolumeClaim()
                                .withClaimName(RESULTS_CLAIM).endPersistentVolumeClaim().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * Creates the Job in this namespace.
     *
     * @throws aftershock.chaos.FaultException before any API call when the namespace is not on the allowlist
     */
    public Job create(KubernetesClient client, NamespaceAllowlist allowlist, String namespace) {
        allowlist.check(namespace);
        return client.batch().v1().jobs().inNamespace(namespace).resource(toJob(namespace)).create();
    }
}
