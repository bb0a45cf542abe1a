package aftershock.waiting;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The one way Aftershock waits for something to become true: polls a probe on Awaitility until its value is
 * accepted, and on timeout says what was awaited, what was last seen and what to do.
 *
 * <pre>
 *   Http.Answer healthy = Wait.forValue("replica-0 (pid 4242) to answer 200 at http://127.0.0.1:8081/health",
 *                   () -> http.get(health, null), answer -> answer.status() == 200)
 *           .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
 *           .failFast(() -> refuseIfExited(process))          // throws to stop at once, e.g. the process died
 *           .onTimeout(() -> "its log ends with: ...")        // what to do, read when the time is up
 *           .await();                                         // or awaitOutcome() to get the last value instead
 * </pre>
 *
 * The probe runs on the calling thread, first at once, then every poll interval; when the time is up it runs
 * once more, so a wait lasts at most {@code atMost} plus one probe. An exception from the probe ends the wait
 * and reaches the caller: catch in the probe what only means "not yet". An interrupt ends the wait after the
 * probe under way (and at most one poll interval) with the thread's interrupt flag still set. Polling on the
 * calling thread also keeps Awaitility from catching other threads' uncaught exceptions, a test-time habit.
 *
 * @param <T> what the probe sees, for example an HTTP answer
 */
public final class Wait<T> {

    private static final Duration DEFAULT_AT_MOST = Duration.ofSeconds(10);
    private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

    private final String awaited;
    private final Supplier<T> probe;
    private final Predicate<? super T> accepted;
    private final Function<? super T, String> seenAs;
    private final Duration atMost;
    private final Duration pollInterval;
    private final Runnable failFast;
    private final Supplier<String> onTimeout;

    private Wait(String awaited, Supplier<T> probe, Predicate<? super T> accepted, Function<? super T, String> seenAs,
                 Duration atMost, Duration pollInterval, Runnable failFast, Supplier<String> onTimeout) {
        this.awaited = awaited;
        this.probe = probe;
        this.accepted = accepted;
        this.seenAs = seenAs;
        this.atMost = atMost;
        this.pollInterval = pollInterval;
        this.failFast = failFast;
        this.onTimeout = onTimeout;
    }

    /**
     * Waits until {@code accepted} holds for what {@code probe} sees; 10 s at most, polling every 100 ms unless told.
     *
     * @param awaited what is awaited, read after "waiting for": "replica-0 (pid 4242) to answer 200 at http://..."
     */
    public static <T> Wait<T> forValue(String awaited, Supplier<T> probe, Predicate<? super T> accepted) {
        return new Wait<>(Objects.requireNonNull(awaited, "awaited"), Objects.requireNonNull(probe, "probe"),
                Objects.requireNonNull(accepted, "accepted"), String::valueOf, DEFAULT_AT_MOST, DEFAULT_POLL_INTERVAL,
                () -> { }, () -> "");
    }

    /** Gives up after this long; zero or less means "check once". */
    public Wait<T> atMost(Duration timeout) {
        return new Wait<>(awaited, probe, accepted, seenAs, Objects.requireNonNull(timeout, "timeout"), pollInterval,
                failFast, onTimeout);
    }

    /** Time between the end of one probe and the start of the next. */
    public Wait<T> pollInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, was " + interval);
        }
        return new Wait<>(awaited, probe, accepted, seenAs, atMost, interval, failFast, onTimeout);
    }

    /** How a probed value reads after "last seen" in the timeout message ({@code String.valueOf} unless told). */
    public Wait<T> seenAs(Function<? super T, String> describe) {
        return new Wait<>(awaited, probe, accepted, Objects.requireNonNull(describe, "describe"), atMost, pollInterval,
                failFast, onTimeout);
    }

    /**
     * Runs before every probe; whatever it throws ends the wait at once and reaches the caller unchanged, for
     * example "the process exited, here is its log".
     */
    public Wait<T> failFast(Runnable check) {
        return new Wait<>(awaited, probe, accepted, seenAs, atMost, pollInterval, Objects.requireNonNull(check, "check"),
                onTimeout);
    }

    /** What to do when the time is up, read only then (a log tail is fresh): ends the timeout message. */
    public Wait<T> onTimeout(Supplier<String> whatToDo) {
        return new Wait<>(awaited, probe, accepted, seenAs, atMost, pollInterval, failFast,
                Objects.requireNonNull(whatToDo, "whatToDo"));
    }

    /**
     * Waits and returns the accepted value.
     *
     * @throws WaitTimeoutException     when the time runs out, saying what was awaited, last seen and what to do
     * @throws WaitInterruptedException when the thread is interrupted; its interrupt flag stays set
     */
    public T await() {
        Outcome<T> outcome = awaitOutcome();
        if (outcome.met()) {
            return outcome.last();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new WaitInterruptedException("interrupted while waiting for " + awaited + " (last seen "
                    + seenAs.apply(outcome.last()) + ")");
        }
        throw new WaitTimeoutException(timeoutMessage(outcome.last()));
    }

    /**
     * Waits like {@link #await()} but returns instead of throwing when the time runs out or the thread is
     * interrupted (its interrupt flag stays set): whether the value was accepted, and the last value seen.
     */
    public Outcome<T> awaitOutcome() {
        Polls<T> polls = new Polls<>();
        if (atMost.isZero() || atMost.isNegative()) {
            return polls.once(this);
        }
        try {
            Awaitility.await()
                    .atMost(atMost)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(pollInterval)
                    .pollInSameThread()
                    .ignoreNoExceptions()
                    .failFast(() -> polls.beforeProbe(this))
                    .until(() -> polls.probe(this));
            return new Outcome<>(true, polls.last);
        } catch (ConditionTimeoutException e) {
            return Thread.currentThread().isInterrupted() ? new Outcome<>(false, polls.last) : polls.once(this);
        } catch (TerminalFailureException e) {
            if (e.getCause() instanceof Interrupted) {
                return new Outcome<>(false, polls.last);
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    String timeoutMessage(T last) {
        String whatToDo = onTimeout.get();
        return "timed out after " + readable(atMost) + " waiting for " + awaited + ": last seen " + seenAs.apply(last)
                + (whatToDo.isBlank() ? "" : "; " + whatToDo);
    }

    static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * How a wait ended when it may end without its value.
     *
     * @param met  true when the probe's value was accepted
     * @param last the accepted value, else the last value seen
     */
    public record Outcome<T>(boolean met, T last) {
    }

    // What one wait has seen so far; used from the waiting thread only (the probe runs on it).
    private static final class Polls<T> {
        private T last;
        private boolean probed;

        void beforeProbe(Wait<T> wait) {
            // The first probe always runs, so an interrupted wait still has a last value to show.
            if (probed && Thread.currentThread().isInterrupted()) {
                throw new Interrupted();
            }
            wait.failFast.run();
        }

        boolean probe(Wait<T> wait) {
            last = wait.probe.get();
            probed = true;
            return wait.accepted.test(last);
        }

        Outcome<T> once(Wait<T> wait) {
            wait.failFast.run();
            boolean met = probe(wait);
            return new Outcome<>(met, last);
        }
    }

    // Thrown by the fail-fast hook to leave Awaitility's loop, which sleeps through interrupts and would
    // otherwise poll on until the timeout.
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }
}
