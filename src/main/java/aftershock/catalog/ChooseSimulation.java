package aftershock.catalog;

import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What {@code mvn gatling:test} runs right after compiling, inside Maven (exec:java): finds the simulation that
 * {@code -Dsimulation} names, in any package, and hands its full class name to gatling:test through the
 * plugin's own {@code gatling.simulationClass} property. An unknown or ambiguous name fails the build with
 * one line that lists the choices, before any load is sent.
 *
 * <p>exec:java builds it with Maven's properties, matching the constructor's parameter names (hence
 * {@code -parameters} in the compiler settings).
 */
public final class ChooseSimulation implements Runnable {

    /** The property users set: {@code -Dsimulation=SpikeLoad}. */
    static final String SIMULATION = "simulation";

    /** The gatling-maven-plugin property for the class to run. */
    static final String GATLING_SIMULATION_CLASS = "gatling.simulationClass";

    private final String name;
    private final Supplier<SimulationCatalog> catalog;
    private final BiConsumer<String, String> userPropertiesUpdater;

    /**
     * @param userProperties        Maven's {@code -D} properties, where {@code -Dsimulation} wins
     * @param projectProperties     the pom's properties, where the default simulation is
     * @param userPropertiesUpdater sets a {@code -D} property for the goals that run after this one
     */
    public ChooseSimulation(Properties userProperties, Properties projectProperties, BiConsumer<String, String> userPropertiesUpdater) {
        this(userProperties.getProperty(SIMULATION, projectProperties.getProperty(SIMULATION)), SimulationCatalog::onClasspath, userPropertiesUpdater);
    }

    ChooseSimulation(String name, Supplier<SimulationCatalog> catalog, BiConsumer<String, String> userPropertiesUpdater) {
        this.name = name;
        this.catalog = catalog;
        this.userPropertiesUpdater = userPropertiesUpdater;
    }

    /** @throws UnknownSimulation when the name finds no simulation, or more than one */
    @Override
    public void run() {
        userPropertiesUpdater.accept(GATLING_SIMULATION_CLASS, catalog.get().find(name).className());
    }
}
