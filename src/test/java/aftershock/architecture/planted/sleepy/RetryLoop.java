package aftershock.architecture.planted.sleepy;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A planted hand-written sleep-and-retry loop: the waiting rule must catch both of its sleeps. */
public final class RetryLoop {

    public boolean until(BooleanSupplier condition) throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleepUntil(100);
        }
        TimeUnit.SECONDS.sleep(1);
        return condition.getAsBoolean();
    }

    // Named like the chaos timeline's schedule pause, which the rule allows only in ChaosTimeline itself.
    private static void sleepUntil(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
