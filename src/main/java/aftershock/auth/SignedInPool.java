package aftershock.auth;

import aftershock.threads.DaemonScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The signed-in identities the load hands to its virtual users, round robin: one for a token or a key, N logged-in
 * sessions for mode cookie, so an open model does not create a session per request. Each is signed in again in the
 * background, so a long run never sends an expired token or session; a failed renewal keeps the old one (the target
 * may be mid-fault).
 *
 * <pre>
 *   SignedInPool pool = SignedInPool.signIn(login, 10, Duration.ofMinutes(2)); // preflight: the first sign-in throws
 *   SignedIn user = pool.next();
 * </pre>
 */
public final class SignedInPool implements AutoCloseable {

    private final Login login;
    private final AtomicReferenceArray<SignedIn> identities;
    private final AtomicInteger turn = new AtomicInteger();
    private final ScheduledExecutorService renewer = DaemonScheduler.create("aftershock-sign-in");

    private SignedInPool(Login login, List<SignedIn> first, Duration renewEvery) {
        this.login = login;
        this.identities = new AtomicReferenceArray<>(first.toArray(new SignedIn[0]));
        renewer.scheduleWithFixedDelay(this::renew, renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Signs in {@code size} times now (the first failure is the preflight's one line) and renews every {@code renewEvery}. */
    public static SignedInPool signIn(Login login, int size, Duration renewEvery) {
        List<SignedIn> first = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            first.add(login.signIn());
        }
        return new SignedInPool(login, first, renewEvery);
    }

    /** The next identity, round robin. */
    public SignedIn next() {
        return identities.get(Math.floorMod(turn.getAndIncrement(), identities.length()));
    }

    /** A sign-in of its own, outside the pool (a data check's session); throws as the login does. */
    public SignedIn signInAgain() {
        return login.signIn();
    }

    /** The first identity: its header and cookie names are those of every other. */
    public SignedIn first() {
        return identities.get(0);
    }

    public int size() {
        return identities.length();
    }

    public AuthMode mode() {
        return login.mode();
    }

    private void renew() {
        for (int i = 0; i < identities.length(); i++) {
            try {
                identities.set(i, login.signIn());
            } catch (RuntimeException e) {
                // The target may be mid-fault; keep the old identity and try again next time.
            }
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
