package aftershock.chaos;

/** A fault could not be injected or restored; the message says what to do about it. */
public class FaultException extends RuntimeException {

    public FaultException(String message) {
        super(message);
    }

    public FaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
