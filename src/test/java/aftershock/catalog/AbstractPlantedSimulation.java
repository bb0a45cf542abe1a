package aftershock.catalog;

import aftershock.run.JudgedSimulation;

import static aftershock.catalog.SimulationKind.LOAD;

/**
 * Extends the simulation base class but is abstract, like a team's shared base simulation: never listed itself,
 * while its concrete subclasses are, and inherit its {@link Kind}.
 */
@Kind(LOAD)
public abstract class AbstractPlantedSimulation extends JudgedSimulation {

    protected AbstractPlantedSimulation(String description) {
        super(description);
    }

    @Override
    protected void plan() {
        // never run: the catalogue reads classes, it does not instantiate them
    }
}
