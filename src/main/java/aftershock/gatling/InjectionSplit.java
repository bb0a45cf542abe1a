package aftershock.gatling;

import aftershock.config.ConfigurationException;
import io.gatling.core.controller.inject.closed.CompositeClosedInjectionStep;
import io.gatling.core.controller.inject.closed.CompositeClosedInjectionStepLike;
import io.gatling.core.controller.inject.closed.ConstantConcurrentUsersInjection;
import io.gatling.core.controller.inject.closed.RampConcurrentUsersInjection;
import io.gatling.core.controller.inject.open.AtOnceOpenInjection;
import io.gatling.core.controller.inject.open.CompositeOpenInjectionStep;
import io.gatling.core.controller.inject.open.CompositeOpenInjectionStepLike;
import io.gatling.core.controller.inject.open.ConstantRateOpenInjection;
import io.gatling.core.controller.inject.open.HeavisideOpenInjection;
import io.gatling.core.controller.inject.open.NothingForOpenInjection;
import io.gatling.core.controller.inject.open.PoissonOpenInjection;
import io.gatling.core.controller.inject.open.RampOpenInjection;
import io.gatling.core.controller.inject.open.RampRateOpenInjection;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import scala.concurrent.duration.FiniteDuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.stressPeakUsers;

/**
 * One injector's part of an injection profile shared by {@code count} injectors: every rate and user count of every
 * step becomes its share (whole users split with the remainder going to the lowest indexes, a fraction of a user per
 * second to injector 0), durations unchanged, so that the injectors' profiles add up to the profile exactly.
 * Stairs are split step by step. A profile some injector would get no user of is refused.
 *
 * <pre>
 *   InjectionSplit.open(List.of(constantUsersPerSec(100).during(60)), 2, 3);   // constantUsersPerSec(33).during(60)
 *   InjectionSplit.closed(List.of(constantConcurrentUsers(10).during(60)), 0, 3);  // 4 users
 * </pre>
 */
public final class InjectionSplit {

    private InjectionSplit() {
    }

    /** Injector {@code index}'s part, among {@code count}, of an open profile. */
    public static List<OpenInjectionStep> open(List<OpenInjectionStep> steps, int index, int count) {
        if (count == 1) {
            return steps;
        }
        if (lastInjectorGetsNothing(steps, count)) {
            throw new ConfigurationException(String.format(Locale.ROOT, "aftershock.injectors=%d cannot split this open"
                    + " profile (peak %s users/s, %d users in all): injector %d would send no request; use fewer"
                    + " injectors or a higher rate", count, number(InjectionPeak.usersPerSecond(steps)),
                    totalUsers(steps), count - 1));
        }
        return part(steps, index, count);
    }

    /** Injector {@code index}'s part, among {@code count}, of a closed profile. */
    public static List<ClosedInjectionStep> closed(List<ClosedInjectionStep> steps, int index, int count) {
        if (count == 1) {
            return steps;
        }
        int peak = InjectionPeak.concurrentUsers(steps);
        if (peak < count) {
            throw new ConfigurationException("aftershock.injectors=" + count + " cannot split a closed profile of at most "
                    + peak + " concurrent users: injector " + (count - 1) + " would have no user; use at most " + peak
                    + " injectors or more users");
        }
        List<ClosedInjectionStep> part = new ArrayList<>();
        for (ClosedInjectionStep step : steps) {
            addClosed(step.asScala(), index, count, part);
        }
        return part;
    }

    private static void addOpen(io.gatling.core.controller.inject.open.OpenInjectionStep step, int index, int count,
                                List<OpenInjectionStep> part) {
        Duration during = duration(step.duration());
        if (step instanceof CompositeOpenInjectionStepLike stairs) {
            addOpen(stairs.composite(), index, count, part);
        } else if (step instanceof CompositeOpenInjectionStep composite) {
            for (var inner : scala.jdk.javaapi.CollectionConverters.asJava(composite.steps())) {
                addOpen(inner, index, count, part);
            }
        } else if (step instanceof ConstantRateOpenInjection constant) {
            double rate = rate(constant.rate(), index, count);
            part.add(rate == 0 ? nothingFor(during) : constantUsersPerSec(rate).during(during));
        } else if (step instanceof RampRateOpenInjection ramp) {
            part.add(rampUsersPerSec(rate(ramp.startRate(), index, count)).to(rate(ramp.endRate(), index, count))
                    .during(during));
        } else if (step instanceof PoissonOpenInjection poisson) {
            double from = rate(poisson.startRate(), index, count);
            double to = rate(poisson.endRate(), index, count);
            part.add(from == to ? constantUsersPerSec(from).during(during).randomized()
                    : rampUsersPerSec(from).to(to).during(during).randomized());
        } else if (step instanceof AtOnceOpenInjection) {
            part.add(atOnceUsers(users(step.users(), index, count)));
        } else if (step instanceof RampOpenInjection) {
            part.add(rampUsers(users(step.users(), index, count)).during(during));
        } else if (step instanceof HeavisideOpenInjection) {
            part.add(stressPeakUsers(users(step.users(), index, count)).during(during));
        } else if (step instanceof NothingForOpenInjection) {
            part.add(nothingFor(during));
        } else {
            throw new ConfigurationException("aftershock.injectors=" + count + " cannot split the injection step "
                    + step + ": use constantUsersPerSec, rampUsersPerSec, atOnceUsers, rampUsers, stressPeakUsers,"
                    + " stairs or nothingFor, or run with one injector");
        }
    }

    private static void addClosed(io.gatling.core.controller.inject.closed.ClosedInjectionStep step, int index, int count,
                                  List<ClosedInjectionStep> part) {
        Duration during = duration(step.duration());
        if (step instanceof CompositeClosedInjectionStepLike stairs) {
            addClosed(stairs.composite(), index, count, part);
        } else if (step instanceof CompositeClosedInjectionStep composite) {
            for (var inner : scala.jdk.javaapi.CollectionConverters.asJava(composite.steps())) {
                addClosed(inner, index, count, part);
            }
        } else if (step instanceof ConstantConcurrentUsersInjection constant) {
            part.add(constantConcurrentUsers(users(constant.number(), index, count)).during(during));
        } else if (step instanceof RampConcurrentUsersInjection ramp) {
            part.add(rampConcurrentUsers(users(ramp.from(), index, count)).to(users(ramp.to(), index, count))
                    .during(during));
        } else {
            throw new ConfigurationException("aftershock.injectors=" + count + " cannot split the injection step "
                    + step + ": use constantConcurrentUsers, rampConcurrentUsers or their stairs, or run with one injector");
        }
    }

    /** The last injector gets the smallest share of everything: if it sends nothing, the split is refused. */
    private static boolean lastInjectorGetsNothing(List<OpenInjectionStep> steps, int count) {
        return InjectionPlan.usersPerSecond(part(steps, count - 1, count)).stream()
                .mapToDouble(Double::doubleValue).sum() == 0;
    }

    private static List<OpenInjectionStep> part(List<OpenInjectionStep> steps, int index, int count) {
        List<OpenInjectionStep> part = new ArrayList<>();
        for (OpenInjectionStep step : steps) {
            addOpen(step.asScala(), index, count, part);
        }
        return part;
    }

    private static long totalUsers(List<OpenInjectionStep> steps) {
        return steps.stream().mapToLong(step -> step.asScala().users()).sum();
    }

    /**
     * Injector {@code index}'s part of {@code total} whole users among {@code count}: {@code total / count}, one more
     * for the first {@code total % count} injectors, so that the parts add up to the total.
     */
    public static long share(long total, int index, int count) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /** Injector {@code index}'s part of a rate: whole users/s as by {@link #share(long, int, int)}, a fraction to injector 0. */
    public static double share(double rate, int index, int count) {
        long whole = (long) Math.floor(rate);
        return share(whole, index, count) + (index == 0 ? rate - whole : 0);
    }

    private static int users(long total, int index, int count) {
        return Math.toIntExact(share(total, index, count));
    }

    private static double rate(double total, int index, int count) {
        return share(total, index, count);
    }

    private static Duration duration(FiniteDuration duration) {
        return Duration.ofNanos(duration.toNanos());
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
