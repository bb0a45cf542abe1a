package aftershock.pod;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RunOnKubernetesTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        // No client: bad input is refused before any call to the cluster.
        return RunOnKubernetes.run(args, null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aMissingImageIsOneLineOfBadInputBeforeAnyCall() {
        assertThat(run("PodKill", "--injectors=2", "--namespace=aftershock")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("aftershock: bad input: --image is missing\nusage:");
    }

    @Test
    void oneInjectorIsRefusedWithWhatToRunInstead() {
        assertThat(run("PodKill", "--injectors=1", "--image=aftershock-runner:test", "--namespace=aftershock"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("aftershock: bad input: an injector job needs 2"
                + " or more injectors, got 1: for one, run mvn gatling:test -Dsimulation=PodKill");
    }
}
