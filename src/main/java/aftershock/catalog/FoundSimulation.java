package aftershock.catalog;

import java.util.Optional;

/**
 * A simulation class found on the classpath.
 *
 * @param className fully qualified class name, what Gatling is given
 * @param declared  the kind its {@link Kind} annotation says, empty when it has none
 */
public record FoundSimulation(String className, Optional<SimulationKind> declared) {

    /** The name {@code -Dsimulation} and {@code --only} take: the class name without its package. */
    public String shortName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The declared kind; an unmarked simulation counts as resilience, so the suite asks before running it. */
    public SimulationKind kind() {
        return declared.orElse(SimulationKind.RESILIENCE);
    }

    /** True when the class carries no {@link Kind}. */
    public boolean unmarked() {
        return declared.isEmpty();
    }
}
