package aftershock.run;

import aftershock.config.Settings;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * When a run warms up before it is judged ({@code aftershock.warm-up}): an open profile peaking above
 * {@code above-users-per-second}, or a closed one above {@code above-concurrent-users}, first ramps from one user to
 * its peak during {@code duration} (never scaled; 0 turns the warm-up off). The JITs and the connection pool warm up
 * then; the requests sent meanwhile are recorded but belong to the warm-up, before second 0 of the judged run, even
 * when they are answered after it. A ramp over the whole warm-up, rather than a steep one and a hold, spreads the
 * users' sessions, so that they do not end, and log in again, all at once in the judged run.
 *
 * <pre>
 *   WarmUp warmUp = WarmUp.from(settings.section("warm-up"));
 *   warmUp.forClosed(200).ifPresent(reason -> steps.addAll(0, warmUp.closedSteps(200)));
 * </pre>
 *
 * @param aboveUsersPerSecond  an open profile warms up when its peak arrival rate is above this
 * @param aboveConcurrentUsers a closed profile warms up when its peak concurrency is above this
 */
public record WarmUp(Duration duration, double aboveUsersPerSecond, int aboveConcurrentUsers) {

    /** Reads {@code duration}, {@code above-users-per-second} and {@code above-concurrent-users}. */
    public static WarmUp from(Settings warmUp) {
        return new WarmUp(warmUp.duration("duration"), warmUp.number("above-users-per-second"),
                warmUp.nonNegativeInt("above-concurrent-users"));
    }

    /** Why an open profile peaking at {@code peakUsersPerSecond} warms up, or empty when it does not. */
    public Optional<String> forOpen(double peakUsersPerSecond) {
        if (duration.isZero() || peakUsersPerSecond <= aboveUsersPerSecond) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "open model peaking at %s users/s, more than %s",
                number(peakUsersPerSecond), number(aboveUsersPerSecond)));
    }

    /** Why a closed profile of {@code peakUsers} concurrent users warms up, or empty when it does not. */
    public Optional<String> forClosed(int peakUsers) {
        if (duration.isZero() || peakUsers <= aboveConcurrentUsers) {
            return Optional.empty();
        }
        return Optional.of("closed model of " + peakUsers + " users, more than " + aboveConcurrentUsers);
    }

    /** The open warm-up: the arrival rate ramps from 1 user/s to the peak. */
    List<OpenInjectionStep> openSteps(double peakUsersPerSecond) {
        return List.of(rampUsersPerSec(1).to(peakUsersPerSecond).during(duration));
    }

    /** The closed warm-up: concurrency ramps from 1 user to the peak. */
    List<ClosedInjectionStep> closedSteps(int peakUsers) {
        return List.of(rampConcurrentUsers(1).to(peakUsers).during(duration));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
