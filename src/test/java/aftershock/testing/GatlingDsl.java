package aftershock.testing;

import io.gatling.core.Predef$;
import io.gatling.core.config.GatlingConfiguration;

/**
 * Lets a unit test build simulations with Gatling's HTTP DSL outside a Gatling run. Gatling hands its
 * configuration to the DSL just before it builds a simulation; a test does the same here, once per JVM.
 */
public final class GatlingDsl {

    private GatlingDsl() {
    }

    /** Loads Gatling's configuration for the DSL, unless a run (or another test) already did. */
    public static synchronized void configure() {
        if (Predef$.MODULE$._configuration() == null) {
            Predef$.MODULE$._configuration_$eq(GatlingConfiguration.load());
        }
    }
}
