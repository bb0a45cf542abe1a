package aftershock.distributed;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class InjectorFleetTest {

    @Test
    void anInjectorRunsTheSameSimulationWithItsOwnIndexFolderAndTheConductorsTarget() {
        // Given injector 0's properties: the user's settings, its own injector settings and the JVM's own
        Properties properties = new Properties();
        properties.setProperty("scale", "0.05");
        properties.setProperty("aftershock.pod-kill.kill", "one");
        properties.setProperty("aftershock.injectors", "3");
        properties.setProperty("aftershock.injector.folder", "target/run/injector-0");
        properties.setProperty("aftershock.results", "target/gatling");
        properties.setProperty("user.home", "/root");

        // When injector 2's command is built
        List<String> command = InjectorFleet.command(2, 3, Path.of("target/run/injector-2"),
                "aftershock.simulations.PodKill", List.of(URI.create("http://127.0.0.1:4001/"),
                        URI.create("http://127.0.0.1:4002/")), List.of("-Xss100M"), properties);

        // Then it carries the user's settings, its own index and folder, and the built-in target's replicas
        assertThat(command).contains("-Xss100M", "-Dscale=0.05", "-Daftershock.pod-kill.kill=one",
                "-Daftershock.injectors=3", "-Daftershock.injector.index=2",
                "-Daftershock.injector.folder=target/run/injector-2",
                "-Daftershock.injector.target-urls=http://127.0.0.1:4001/,http://127.0.0.1:4002/",
                "-Daftershock.results=target/run/injector-2");
        assertThat(command).doesNotContain("-Daftershock.injector.folder=target/run/injector-0",
                "-Daftershock.results=target/gatling", "-Duser.home=/root");
        // And Gatling writes its report into the injector's folder
        assertThat(String.join(" ", command)).endsWith("io.gatling.app.Gatling --simulation aftershock.simulations.PodKill"
                + " --results-folder target/run/injector-2/gatling --launcher maven --build-tool-version 3");
    }
}
