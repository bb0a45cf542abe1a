package aftershock.chaos.kubernetes;

import aftershock.chaos.FaultException;
import aftershock.chaos.RestoreRecipe;
import aftershock.testing.MockServerLogs;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EnableKubernetesMockClient(crud = true, https = false)
class WaitForPodsRunnerTest {

    static KubernetesClient client;

    @BeforeAll
    static void quietMockServer() {
        MockServerLogs.quiet();
    }

    @Test
    void returnsOnceTheExpectedPodsAreReady() {
        // Given a Redis pod the controller brought back while no run was watching
        client.pods().inNamespace("staging").resource(new PodBuilder()
                .withNewMetadata().withName("redis-0").withLabels(Map.of("app", "redis")).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
        WaitForPodsRunner runner = new WaitForPodsRunner(client, NamespaceAllowlist.of("staging"), Duration.ofSeconds(5));

        // When / Then
        assertThatCode(() -> runner.run(new RestoreRecipe.WaitForPods("staging", "app=redis", 1)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesANamespaceNotOnTheAllowlist() {
        // Given
        WaitForPodsRunner runner = new WaitForPodsRunner(client, NamespaceAllowlist.of("staging"), Duration.ofSeconds(5));

        // When / Then
        assertThatThrownBy(() -> runner.run(new RestoreRecipe.WaitForPods("prod", "app=redis", 1)))
                .isInstanceOf(FaultException.class)
                .hasMessageStartingWith("namespace 'prod' is not on the chaos allowlist [staging]");
    }

    @Test
    void refusesRecipesItCannotRun() {
        // Given
        WaitForPodsRunner runner = new WaitForPodsRunner(client, NamespaceAllowlist.of("staging"), Duration.ofSeconds(5));

        // When / Then
        assertThatThrownBy(() -> runner.run(new RestoreRecipe.KillLeftoverProcess(4242, 0, "redis-server")))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("only waits for pods, it cannot kill leftover process 4242");
    }
}
