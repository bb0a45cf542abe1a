package aftershock.gatling;

import io.gatling.core.controller.inject.closed.ClosedInjectionStep;
import io.gatling.core.controller.inject.open.AtOnceOpenInjection;
import io.gatling.core.controller.inject.open.CompositeOpenInjectionStep;
import io.gatling.core.controller.inject.open.CompositeOpenInjectionStepLike;
import io.gatling.core.controller.inject.open.ConstantRateOpenInjection;
import io.gatling.core.controller.inject.open.NothingForOpenInjection;
import io.gatling.core.controller.inject.open.OpenInjectionStep;
import io.gatling.core.controller.inject.open.RampRateOpenInjection;
import scala.concurrent.duration.FiniteDuration;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The highest load an injection profile asks for, read from Gatling's own steps: the peak arrival rate of an open
 * profile, the peak number of concurrent users of a closed one.
 *
 * <pre>
 *   double usersPerSecond = InjectionPeak.usersPerSecond(List.of(constantUsersPerSec(100).during(60)));  // 100.0
 *   int users = InjectionPeak.concurrentUsers(List.of(rampConcurrentUsers(10).to(200).during(60)));    // 200
 * </pre>
 */
public final class InjectionPeak {

    /** Closed steps are sampled this many times over their duration (ramps and stairs peak at a sample). */
    private static final int SAMPLES = 100;

    private InjectionPeak() {
    }

    /** Users arriving per second at the busiest moment of an open profile. */
    public static double usersPerSecond(List<io.gatling.javaapi.core.OpenInjectionStep> steps) {
        return steps.stream().mapToDouble(step -> usersPerSecond(step.asScala())).max().orElse(0);
    }

    /** Concurrent users at the busiest moment of a closed profile. */
    public static int concurrentUsers(List<io.gatling.javaapi.core.ClosedInjectionStep> steps) {
        return steps.stream().mapToInt(step -> concurrentUsers(step.asScala())).max().orElse(0);
    }

    private static double usersPerSecond(OpenInjectionStep step) {
        if (step instanceof ConstantRateOpenInjection constant) {
            return constant.rate();
        }
        if (step instanceof RampRateOpenInjection ramp) {
            return Math.max(ramp.startRate(), ramp.endRate());
        }
        if (step instanceof CompositeOpenInjectionStepLike stairs) {
            return usersPerSecond(stairs.composite());
        }
        if (step instanceof CompositeOpenInjectionStep composite) {
            double peak = 0;
            for (OpenInjectionStep inner : scala.jdk.javaapi.CollectionConverters.asJava(composite.steps())) {
                peak = Math.max(peak, usersPerSecond(inner));
            }
            return peak;
        }
        if (step instanceof NothingForOpenInjection) {
            return 0;
        }
        // All at once: as many users in one instant, counted as arriving within a second.
        if (step instanceof AtOnceOpenInjection || step.duration().toMillis() < 1000) {
            return step.users();
        }
        // Other shapes (a ramp of N users, a stress peak): their average rate.
        return step.users() / (step.duration().toMillis() / 1000.0);
    }

    private static int concurrentUsers(ClosedInjectionStep step) {
        long millis = step.duration().toMillis();
        int peak = 0;
        for (int i = 0; i <= SAMPLES; i++) {
            peak = Math.max(peak, step.valueAt(FiniteDuration.apply(millis * i / SAMPLES, TimeUnit.MILLISECONDS)));
        }
        return peak;
    }
}
