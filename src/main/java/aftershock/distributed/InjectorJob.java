package aftershock.distributed;

import aftershock.chaos.kubernetes.NamespaceAllowlist;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;

/**
 * Reproduces {@code kubectl create -f injector-job.yaml} for an Indexed Job of {@code injectors} Gatling injectors.
 *
 * <p>Each pod runs {@code mvn gatling:test -Dsimulation=<simulation> -Daftershock.injector.index=<0..n-1>
 * -Daftershock.injectors=<n>}; the index comes from the pod's completion-index annotation through the
 * downward API, declared in the container's env so Kubernetes expands {@code $(AFTERSHOCK_INJECTOR_INDEX)} itself,
 * with no shell in the image.
 *
 * <pre>
 *   InjectorJob injectors = new InjectorJob("spike-load", "registry.example/aftershock:1.0", "SpikeLoad", 4);
 *   injectors.create(client, allowlist, "chaos-test");
 * </pre>
 *
 * @param name       the Job's name; pods are named {@code <name>-<index>-<suffix>}
 * @param image      an image with Maven, the project and its dependencies
 * @param simulation short class name, as for {@code -Dsimulation}
 * @param injectors  how many injectors run at once; also the number of completions
 */
public record InjectorJob(String name, String image, String simulation, int injectors) {

    /** The env var holding this injector's index, 0 to injectors - 1. */
    public static final String INDEX_ENV = "AFTERSHOCK_INJECTOR_INDEX";

    private static final String COMPLETION_INDEX_ANNOTATION =
            "metadata.annotations['batch.kubernetes.io/job-completion-index']";

    public InjectorJob {
        if (injectors < 1) {
            throw new IllegalArgumentException("an injector job needs at least 1 injector, got " + injectors);
        }
    }

    /** The command each injector runs. */
    public List<String> command() {
        return List.of("mvn", "-B", "gatling:test",
                "-Dsimulation=" + simulation,
                "-Daftershock.injector.index=$(" + INDEX_ENV + ")",
                "-Daftershock.injectors=" + injectors);
    }

    /** The batch/v1 Job, not yet sent anywhere. */
    public Job toJob(String namespace) {
        Map<String, String> labels = Map.of(
                "app.kubernetes.io/name", "aftershock-injector",
                "app.kubernetes.io/instance", name);
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
                            .addNewContainer()
                                .withName("injector")
                                .withImage(image)
                                .withCommand(command())
                                .addNewEnv()
                                    .withName(INDEX_ENV)
                                    .withNewValueFrom().withNewFieldRef()
                                        .withFieldPath(COMPLETION_INDEX_ANNOTATION)
                                    .endFieldRef().endValueFrom()
                                .endEnv()
                            .endContainer()
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
