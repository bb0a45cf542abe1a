package aftershock.waiting;

/** A {@link Wait} was interrupted (Ctrl-C, shutdown); the thread's interrupt flag is still set. */
public final class WaitInterruptedException extends IllegalStateException {

    WaitInterruptedException(String message) {
        super(message);
    }
}
