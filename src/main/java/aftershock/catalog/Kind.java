package aftershock.catalog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says whether a simulation is a load or a resilience one; read from the class file by the
 * {@link SimulationCatalog}, never by loading the simulation.
 *
 * <pre>{@code
 * @Kind(RESILIENCE)
 * public class PodKill extends JudgedSimulation { ... }
 * }</pre>
 *
 * A simulation without it is listed as {@link SimulationKind#RESILIENCE}, so the suite asks before running it.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Kind {

    /** Load or resilience. */
    SimulationKind value();
}
