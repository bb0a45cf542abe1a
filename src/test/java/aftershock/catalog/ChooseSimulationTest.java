package aftershock.catalog;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static aftershock.catalog.SimulationKind.LOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check `mvn gatling:test` runs after compiling: a name in, Gatling's full class name out, or one line. */
class ChooseSimulationTest {

    private final Map<String, String> handedToGatling = new HashMap<>();

    @Test
    void handsTheFullClassNameOfAShortNameToGatling() {
        // Given a user's simulation in its own package
        SimulationCatalog catalog = SimulationCatalog.of(List.of(new FoundSimulation("com.acme.perf.MyCheckout", Optional.of(LOAD))));

        // When -Dsimulation=MyCheckout is checked
        new ChooseSimulation("MyCheckout", () -> catalog, handedToGatling::put).run();

        // Then gatling:test is told the full class name through its own property
        assertThat(handedToGatling).containsExactly(Map.entry("gatling.simulationClass", "com.acme.perf.MyCheckout"));
    }

    @Test
    void anUnknownNameHandsNothingAndFailsWithTheOneLine() {
        SimulationCatalog catalog = SimulationCatalog.of(List.of(new FoundSimulation("aftershock.simulations.SpikeLoad", Optional.of(LOAD))));

        assertThatThrownBy(() -> new ChooseSimulation("NoSuch", () -> catalog, handedToGatling::put).run())
                .isInstanceOf(UnknownSimulation.class)
                .hasMessageStartingWith("aftershock: unknown simulation 'NoSuch'. Choose one of: SpikeLoad")
                .message().doesNotContain("\n");
        assertThat(handedToGatling).isEmpty();
    }

    @Test
    void theCommandLineNameWinsOverThePomDefault() {
        // Given the pom's default and a -Dsimulation on the command line, as Maven hands them over
        Properties pom = new Properties();
        pom.setProperty("simulation", "SpikeLoad");
        Properties commandLine = new Properties();
        commandLine.setProperty("simulation", "PodKill");

        // When the check runs over the real test classpath, with and without the command-line name
        new ChooseSimulation(commandLine, pom, handedToGatling::put).run();
        String chosen = handedToGatling.get("gatling.simulationClass");
        new ChooseSimulation(new Properties(), pom, handedToGatling::put).run();

        // Then the command line wins, and the pom's default applies without it
        assertThat(chosen).isEqualTo("aftershock.simulations.PodKill");
        assertThat(handedToGatling.get("gatling.simulationClass")).isEqualTo("aftershock.simulations.SpikeLoad");
    }

    @Test
    void exposesTheConstructorParameterNamesExecJavaInjectsBy() {
        // exec:java matches these names; without -parameters in the compiler settings they are arg0, arg1, ...
        Constructor<?> forMaven = ChooseSimulation.class.getConstructors()[0];

        assertThat(ChooseSimulation.class.getConstructors()).hasSize(1);
        assertThat(forMaven.getParameters()).extracting(Parameter::getName)
                .containsExactly("userProperties", "projectProperties", "userPropertiesUpdater");
    }
}
