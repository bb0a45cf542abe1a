package aftershock.client;

/** The target is not fit to be loaded; the message is the one line shown to the user, with the fix. */
public class PreflightException extends RuntimeException {

    public PreflightException(String message) {
        super(message);
    }
}
