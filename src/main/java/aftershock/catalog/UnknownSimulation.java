package aftershock.catalog;

/**
 * A simulation name that names no simulation, or several. Its message is the one line shown to the user; it
 * carries no stack trace, since it reports a typo, not a fault in the code.
 */
public final class UnknownSimulation extends RuntimeException {

    UnknownSimulation(String message) {
        super(message, null, false, false);
    }
}
