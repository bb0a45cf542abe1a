package aftershock.gatling;

import io.gatling.core.controller.inject.open.AtOnceOpenInjection;
import io.gatling.core.controller.inject.open.CompositeOpenInjectionStep;
import io.gatling.core.controller.inject.open.CompositeOpenInjectionStepLike;
import io.gatling.core.controller.inject.open.ConstantRateOpenInjection;
import io.gatling.core.controller.inject.open.NothingForOpenInjection;
import io.gatling.core.controller.inject.open.OpenInjectionStep;
import io.gatling.core.controller.inject.open.RampRateOpenInjection;

import java.util.ArrayList;
import java.util.List;

/**
 * The users an open injection profile plans in each second, read from Gatling's own steps: what the generator's
 * achieved arrival rate is held against.
 *
 * <pre>
 *   InjectionPlan.usersPerSecond(List.of(rampUsersPerSec(0).to(100).during(2)));   // [25.0, 75.0]
 * </pre>
 */
public final class InjectionPlan {

    private static final int MILLIS_PER_STEP = 10;

    private InjectionPlan() {
    }

    /** Users planned in second 0, 1, ... of the profile. */
    public static List<Double> usersPerSecond(List<io.gatling.javaapi.core.OpenInjectionStep> steps) {
        List<Double> perTick = new ArrayList<>();
        for (io.gatling.javaapi.core.OpenInjectionStep step : steps) {
            add(step.asScala(), perTick);
        }
        List<Double> perSecond = new ArrayList<>();
        int ticksPerSecond = 1000 / MILLIS_PER_STEP;
        for (int i = 0; i < perTick.size(); i += ticksPerSecond) {
            double users = 0;
            for (int j = i; j < Math.min(perTick.size(), i + ticksPerSecond); j++) {
                users += perTick.get(j);
            }
            perSecond.add(users);
        }
        return perSecond;
    }

    /** Appends the step's users, one entry per 10 ms. */
    private static void add(OpenInjectionStep step, List<Double> perTick) {
        if (step instanceof CompositeOpenInjectionStepLike stairs) {
            add(stairs.composite(), perTick);
            return;
        }
        if (step instanceof CompositeOpenInjectionStep composite) {
            for (OpenInjectionStep inner : scala.jdk.javaapi.CollectionConverters.asJava(composite.steps())) {
                add(inner, perTick);
            }
            return;
        }
        if (step instanceof AtOnceOpenInjection) {
            perTick.add((double) step.users());
            return;
        }
        long ticks = Math.max(1, step.duration().toMillis() / MILLIS_PER_STEP);
        double seconds = ticks * MILLIS_PER_STEP / 1000.0;
        int first = perTick.size();
        for (long t = 0; t < ticks; t++) {
            double at = (t + 0.5) / ticks;
            double rate;
            if (step instanceof ConstantRateOpenInjection constant) {
                rate = constant.rate();
            } else if (step instanceof RampRateOpenInjection ramp) {
                rate = ramp.startRate() + (ramp.endRate() - ramp.startRate()) * at;
            } else if (step instanceof NothingForOpenInjection) {
                rate = 0;
            } else {
                rate = step.users() / seconds;
            }
            perTick.add(rate * MILLIS_PER_STEP / 1000.0);
        }
        // The step's own user count is what Gatling injects: a rate over a duration that is not a whole number of
        // seconds injects fewer users than rate x duration (500/s during 1.5 s injects 500, not 750).
        double shaped = perTick.subList(first, perTick.size()).stream().mapToDouble(Double::doubleValue).sum();
        if (shaped > 0) {
            double factor = step.users() / shaped;
            for (int i = first; i < perTick.size(); i++) {
                perTick.set(i, perTick.get(i) * factor);
            }
        }
    }
}
