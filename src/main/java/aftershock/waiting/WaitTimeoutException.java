package aftershock.waiting;

/** A {@link Wait} ran out of time; the message says what was awaited, what was last seen and what to do. */
public final class WaitTimeoutException extends IllegalStateException {

    WaitTimeoutException(String message) {
        super(message);
    }
}
