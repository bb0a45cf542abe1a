package aftershock.distributed;

import aftershock.chaos.FaultException;
import aftershock.chaos.kubernetes.NamespaceAllowlist;
import aftershock.testing.MockServerLogs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EnableKubernetesMockClient(crud = true, https = false)
class InjectorJobTest {

    private static final NamespaceAllowlist ALLOWLIST = NamespaceAllowlist.of("chaos-test");

    static KubernetesClient client;

    @BeforeAll
    static void quietMockServer() {
        MockServerLogs.quiet();
    }

    @Test
    void createsAnIndexedJobWithOneCompletionPerInjectorAllRunningAtOnce() {
        // Given
        InjectorJob injectors = new InjectorJob("spike-load", "registry.example/aftershock:1.0", "SpikeLoad", 4);

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
        assertThat(injector.getCommand()).containsExactly("mvn", "-B", "gatling:test", "-Dsimulation=SpikeLoad",
                "-Daftershock.injector.index=$(AFTERSHOCK_INJECTOR_INDEX)", "-Daftershock.injectors=4");
        assertThat(injector.getEnv()).singleElement().satisfies(env -> {
            assertThat(env.getName()).isEqualTo("AFTERSHOCK_INJECTOR_INDEX");
            assertThat(env.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        });
    }

    @Test
    void refusesANamespaceNotOnTheAllowlistBeforeAnyCall() {
        // Given
        InjectorJob injectors = new InjectorJob("spike-load", "registry.example/aftershock:1.0", "SpikeLoad", 4);

        // When / Then
        assertThatThrownBy(() -> injectors.create(client, ALLOWLIST, "prod"))
                .isInstanceOf(FaultException.class)
                .hasMessage("namespace 'prod' is not on the chaos allowlist [chaos-test]: "
                        + "add it to aftershock.kubernetes.allowed-namespaces to allow faults there");
        assertThat(client.batch().v1().jobs().inNamespace("prod").list().getItems()).isEmpty();
    }
}
