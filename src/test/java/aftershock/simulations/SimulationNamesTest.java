package aftershock.simulations;

import io.gatling.javaapi.core.Simulation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The short names `-Dsimulation` accepts (pom.xml) are exactly the simulation classes. */
class SimulationNamesTest {

    @Test
    void thePomListsEverySimulationClassAndNothingElse() throws Exception {
        Matcher known = Pattern.compile("<simulations.known>([^<]+)</simulations.known>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(known.find()).isTrue();

        try (Stream<Path> sources = Files.list(Path.of("src/test/java/aftershock/simulations"))) {
            String[] classes = sources.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".java") && !name.endsWith("Test.java"))
                    .map(name -> name.substring(0, name.length() - 5))
                    .toArray(String[]::new);
            assertThat(known.group(1).split("\\|")).containsExactlyInAnyOrder(classes);
            for (String name : classes) {
                assertThat(Simulation.class.isAssignableFrom(Class.forName("aftershock.simulations." + name))).as(name).isTrue();
            }
        }
        assertThat(Arrays.asList(known.group(1).split("\\|"))).doesNotContain("").allMatch(n -> !n.contains("Test"));
    }
}
