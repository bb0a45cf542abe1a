package aftershock.distributed;

import aftershock.chaos.FaultException;
import aftershock.chaos.kubernetes.NamespaceAllowlist;
import aftershock.testing.MockServerLogs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EnableKubernetesMockClient(crud = true, https = false)
class InjectorJobTest {

    private static final Instant START = Instant.parse("2026-11-30T08:30:00Z");

    private static final NamespaceAllowlist ALLOWLIST = NamespaceAllowlist.of("chaos-test");

    static KubernetesClient client;

    @BeforeAll
    static void quietMockServer() {
        MockServerLogs.quiet();
    }

    @Test
    void createsAnIndexedJobWithOneCompletionPerInjectorAllRunningAtOnce() {
        // Given
        InjectorJob injectors = new InjectorJob("spike-load", "registry.example/aftershock:1.0", "SpikeLoad", 4,
                START, new InjectorJob.PodResources("2", "2Gi"), Map.of("scale", "0.5"));

        // When
        injectors.create(client, ALLOWLIST, "chaos-test");

        // Then
        Job job = client.batch().v1().jobs().inNamespace("chaos-test").withName("spike-load").get();
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(4);
        assertThat(job.getSpec().getParallelism()).isEqualTo(4);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        Container injector = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(injector.getImage()).isEqualTo("registry.example/aftershock:1.0");
        // The image's entry point runs the simulation; its index is JOB_COMPLETION_INDEX, set by Kubernetes.
        assertThat(injector.getCommand()).isEmpty();
        assertThat(injector.getArgs()).containsExactly("SpikeLoad", "scale=0.5", "aftershock.injectors=4",
                "aftershock.injector.start-at=2026-11-30T08:30:00Z", "aftershock.injector.run-folder=/results/spike-load");
        assertThat(injector.getResources().getRequests()).containsEntry("cpu", new Quantity("2"))
                .containsEntry("memory", new Quantity("2Gi"));
        assertThat(injector.getResources().getLimits()).isEqualTo(injector.getResources().getRequests());
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("aftershock-runner");
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).singleElement()
                .satisfies(volume -> assertThat(volume.getPersistentVolumeClaim().getClaimName())
                        .isEqualTo("aftershock-results"));
        assertThat(injector.getVolumeMounts()).singleElement()
                .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/results"));
    }

    @Test
    void refusesASingleInjectorWithTheCommandForIt() {
        assertThatThrownBy(() -> new InjectorJob("one", "registry.example/aftershock:1.0", "SpikeLoad", 1, START,
                InjectorJob.PodResources.DEFAULT, Map.of()))
                .hasMessage("an injector job needs 2 or more injectors, got 1: for one, run mvn gatling:test"
                        + " -Dsimulation=SpikeLoad where the target is reachable");
    }

    @Test
    void refusesANamespaceNotOnTheAllowlistBeforeAnyCall() {
        // Given
        InjectorJob injectors = new InjectorJob("spike-load", "registry.example/aftershock:1.0", "SpikeLoad", 4,
                START, new InjectorJob.PodResources("2", "2Gi"), Map.of("scale", "0.5"));

        // When / Then
        assertThatThrownBy(() -> injectors.create(client, ALLOWLIST, "prod"))
                .isInstanceOf(FaultException.class)
                .hasMessage("namespace 'prod' is not on the chaos allowlist [chaos-test]: "
                        + "add it to aftershock.kubernetes.allowed-namespaces to allow faults there");
        assertThat(client.batch().v1().jobs().inNamespace("prod").list().getItems()).isEmpty();
    }
}
