package aftershock.catalog;

import aftershock.run.JudgedSimulation;
import aftershock.testing.PlantedSimulations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static aftershock.catalog.SimulationKind.LOAD;
import static aftershock.catalog.SimulationKind.RESILIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Simulations are found on the classpath by what they are (a subclass of the base class), not by a list. */
class SimulationCatalogTest {

    private static final String LOAD_MARK = "@aftershock.catalog.Kind(aftershock.catalog.SimulationKind.LOAD)";

    @TempDir
    Path project;

    @Test
    void findsTheSuiteSimulationsWithTheirKinds() {
        // When the test classpath is searched
        SimulationCatalog catalog = SimulationCatalog.onClasspath();

        // Then the eight simulations of the suite are there, each with the kind its class declares
        assertThat(catalog.all())
                .extracting(FoundSimulation::className, FoundSimulation::declared)
                .containsExactlyInAnyOrder(
                        tuple("aftershock.simulations.SustainedLoad", Optional.of(LOAD)),
                        tuple("aftershock.simulations.SpikeLoad", Optional.of(LOAD)),
                        tuple("aftershock.simulations.JwtStress", Optional.of(LOAD)),
                        tuple("aftershock.simulations.RedisOutage", Optional.of(RESILIENCE)),
                        tuple("aftershock.simulations.PodKill", Optional.of(RESILIENCE)),
                        tuple("aftershock.simulations.SessionSurvival", Optional.of(RESILIENCE)),
                        tuple("aftershock.simulations.SentinelFailover", Optional.of(RESILIENCE)),
                        tuple("aftershock.simulations.CartUnderRedisOutage", Optional.of(RESILIENCE)),
                        tuple("aftershock.simulations.LeaderFailover", Optional.of(RESILIENCE)),
                        tuple("aftershock.simulations.AgentReconnect", Optional.of(RESILIENCE)));
        assertThat(catalog.ofKind(RESILIENCE)).extracting(FoundSimulation::shortName)
                .containsExactly("AgentReconnect", "CartUnderRedisOutage", "LeaderFailover", "PodKill", "RedisOutage", "SentinelFailover", "SessionSurvival");
    }

    @Test
    void anAbstractSubclassInTheTestTreeIsNotListed() {
        // Given an abstract class in the test tree that extends the base class
        assertThat(JudgedSimulation.class).isAssignableFrom(AbstractPlantedSimulation.class);
        assertThat(Modifier.isAbstract(AbstractPlantedSimulation.class.getModifiers())).isTrue();

        // When the test classpath is searched
        List<FoundSimulation> all = SimulationCatalog.onClasspath().all();

        // Then it is not among the simulations
        assertThat(all).extracting(FoundSimulation::className).isNotEmpty().doesNotContain(AbstractPlantedSimulation.class.getName());
    }

    @Test
    void findsAUsersSimulationInItsOwnPackageByItsShortName() throws Exception {
        // Given a user's project whose compiled classes hold a simulation in its own package (the base class is
        // not in that folder: it comes from our jar)
        Path classes = PlantedSimulations.in(project).simulation("com.acme.perf.MyCheckout", LOAD_MARK).compile();

        // When that folder is searched and the short name asked for
        FoundSimulation found = SimulationCatalog.in(List.of(classes)).find("MyCheckout");

        // Then it is found, with the full class name Gatling needs
        assertThat(found.className()).isEqualTo("com.acme.perf.MyCheckout");
        assertThat(found.kind()).isEqualTo(LOAD);
    }

    @Test
    void aSubclassOfAnAbstractSimulationIsListedWithTheKindItInherits() throws Exception {
        // Given a user's simulation that extends a shared abstract base marked LOAD, and carries no mark itself
        Path classes = PlantedSimulations.in(project)
                .subclass("com.acme.perf.Checkout", "", AbstractPlantedSimulation.class.getName())
                .compile();

        // When its folder and the test classes (where the base is) are searched
        SimulationCatalog catalog = SimulationCatalog.in(List.of(classes, classFolderOf(AbstractPlantedSimulation.class)));

        // Then the subclass is listed as load, and the abstract base is not listed
        assertThat(catalog.find("Checkout").declared()).contains(LOAD);
        assertThat(catalog.all()).extracting(FoundSimulation::className).doesNotContain(AbstractPlantedSimulation.class.getName());
    }

    @Test
    void anUnmarkedSimulationIsListedAsResilienceSoTheSuiteAsksFirst() throws Exception {
        // Given a simulation without @Kind
        Path classes = PlantedSimulations.in(project).simulation("com.acme.perf.Unmarked", "").compile();

        // When it is found
        FoundSimulation found = SimulationCatalog.in(List.of(classes)).find("Unmarked");

        // Then it is reported as unmarked and counted as resilience: nothing that may kill processes runs unasked
        assertThat(found.unmarked()).isTrue();
        assertThat(found.kind()).isEqualTo(RESILIENCE);
    }

    @Test
    void jarsAreReadOnlyWhenTheyAreTestJars() throws Exception {
        // Given the same simulation packed in a plain jar and in a test-jar
        Path classes = PlantedSimulations.in(project).simulation("com.acme.perf.Shared", LOAD_MARK).compile();
        Path plainJar = PlantedSimulations.jar(classes, "perf.jar");
        Path testJar = PlantedSimulations.jar(classes, "perf-0.1-tests.jar");

        // When each is searched
        // Then only the test-jar is read (reading every library jar would cost seconds on every run)
        assertThat(SimulationCatalog.in(List.of(plainJar)).all()).isEmpty();
        assertThat(SimulationCatalog.in(List.of(testJar)).all()).extracting(FoundSimulation::className).containsExactly("com.acme.perf.Shared");
    }

    @Test
    void anUnknownNameIsOneLineWithTheChoicesAndAnExample() {
        SimulationCatalog catalog = SimulationCatalog.of(List.of(load("aftershock.simulations.SpikeLoad"), load("com.acme.perf.MyCheckout")));

        assertThatThrownBy(() -> catalog.find("NoSuch"))
                .isInstanceOf(UnknownSimulation.class)
                .hasMessage("aftershock: unknown simulation 'NoSuch'. Choose one of: MyCheckout|SpikeLoad"
                        + " (for example: mvn gatling:test -Dsimulation=MyCheckout)")
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void noNameAtAllAsksForOne() {
        SimulationCatalog catalog = SimulationCatalog.of(List.of(load("aftershock.simulations.SpikeLoad")));

        assertThatThrownBy(() -> catalog.find("  "))
                .hasMessage("aftershock: no simulation named. Choose one of: SpikeLoad (for example: mvn gatling:test -Dsimulation=SpikeLoad)");
    }

    @Test
    void anEmptyCatalogueSaysWhatWasLookedForAndWhatToRun() {
        assertThatThrownBy(() -> SimulationCatalog.of(List.of()).find("SpikeLoad"))
                .hasMessageStartingWith("aftershock: unknown simulation 'SpikeLoad': no simulation was found (no class extending aftershock.run.JudgedSimulation")
                .hasMessageContaining("run 'mvn test-compile'");
    }

    @Test
    void aShortNameInTwoPackagesAsksForTheFullNameWhichThenWorks() {
        // Given two simulations with the same short name in two packages
        SimulationCatalog catalog = SimulationCatalog.of(List.of(load("com.acme.a.Checkout"), load("com.acme.b.Checkout"), load("x.SpikeLoad")));

        // Then the short name is refused with both full names, each full name is found, and lists show full names
        assertThatThrownBy(() -> catalog.find("Checkout"))
                .hasMessage("aftershock: simulation 'Checkout' is ambiguous: com.acme.a.Checkout|com.acme.b.Checkout."
                        + " Give the full class name (for example: mvn gatling:test -Dsimulation=com.acme.a.Checkout)");
        assertThat(catalog.find("com.acme.b.Checkout").className()).isEqualTo("com.acme.b.Checkout");
        assertThat(catalog.choices()).isEqualTo("com.acme.a.Checkout|com.acme.b.Checkout|SpikeLoad");
    }

    private static FoundSimulation load(String className) {
        return new FoundSimulation(className, Optional.of(LOAD));
    }

    private static Path classFolderOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
