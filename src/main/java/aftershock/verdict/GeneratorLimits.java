package aftershock.verdict;

import java.time.Duration;
import java.util.Objects;

/**
 * How well the load generator must keep up for its run to be judged ({@code aftershock.generator}).
 *
 * @param lateAfter             a request sent later than this after its schedule counts as late
 * @param maxLatePercent        at most this share of requests may be late (less than, strictly)
 * @param maxGeneratorErrors    at most this many requests may fail on the generator's side
 * @param maxGcPause            the longest GC pause must stay below this
 * @param maxDescriptorPercent  open file descriptors must stay below this share of the process's limit
 * @param minArrivalPercent     users arriving within the planned injection must reach this share of the plan
 * @param maxCpuPercent         the generator's process CPU, averaged over the run, below this; 0 reports it only
 * @param startGrace            lateness in this long after the first user arrived is reported, not judged: a fresh
 *                              JVM (Gatling's alone too) sends its first seconds late while its code is compiled
 */
public record GeneratorLimits(Duration lateAfter, double maxLatePercent, long maxGeneratorErrors, Duration maxGcPause,
                              double maxDescriptorPercent, double minArrivalPercent, double maxCpuPercent,
                              Duration startGrace) {

    public GeneratorLimits {
        Objects.requireNonNull(lateAfter, "lateAfter");
        Objects.requireNonNull(maxGcPause, "maxGcPause");
        Objects.requireNonNull(startGrace, "startGrace");
    }

    /**
     * The defaults: under 1 % of requests over 250 ms late after a 5 s start-up, no generator error, GC pauses
     * under 1 s. 250 ms, not 100: on 2 cores shared with other work, plain Gatling's own scheduler stalls 100-230 ms
     * now and then while its CPU is at 20-40 %; a generator that falls behind falls behind by seconds.
     */
    public static GeneratorLimits defaults() {
        return new GeneratorLimits(Duration.ofMillis(250), 1, 0, Duration.ofSeconds(1), 90, 95, 0,
                Duration.ofSeconds(5));
    }

    /** The same limits with another start-up grace. */
    public GeneratorLimits withStartGrace(Duration grace) {
        return new GeneratorLimits(lateAfter, maxLatePercent, maxGeneratorErrors, maxGcPause, maxDescriptorPercent,
                minArrivalPercent, maxCpuPercent, grace);
    }
}
