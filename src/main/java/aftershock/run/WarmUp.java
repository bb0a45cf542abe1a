package aftershock.run;

import aftershock.config.Settings;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * When a run warms up before it is judged ({@code aftershock.warm-up}): an open profile peaking above
 * {@code above-users-per-second}, or a closed one above {@code above-concurrent-users}, first ramps from one user to
 * its peak during the first half of {@code duration} and holds the peak for the second half (never scaled; 0 turns
 * the warm-up off). The JITs and the connection pool warm up then, and the cold start's slow requests drain before
 * the judged run begins; those requests are recorded but lie before its second 0.
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

    /** The open warm-up: the arrival rate ramps from 1 user/s to the peak, then holds it. */
    List<OpenInjectionStep> openSteps(double peakUsersPerSecond) {
        Duration half = duration.dividedBy(2);
        return List.of(rampUsersPerSec(1).to(peakUsersPerSecond).during(half),
                constantUsersPerSec(peakUsersPerSecond).during(duration.minus(half)));
    }

    /** The closed warm-up: concurrency ramps from 1 user to the peak, then holds it. */
    List<ClosedInjectionStep> closedSteps(int peakUsers) {
        Duration half = duration.dividedBy(2);
        return List.of(rampConcurrentUsers(1).to(peakUsers).during(half),
                constantConcurrentUsers(peakUsers).during(duration.minus(half)));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
