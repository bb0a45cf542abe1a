package aftershock.verdict;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the load generator recorded about itself during a run, as {@link GeneratorHealth#judge} reads it.
 *
 * @param seconds          one sample per second of load, warm-up included, from the start of load
 * @param probes           the scheduler probe's samples, in order
 * @param plannedArrivals  users the injection profile plans in each second from its first arrival, or null when
 *                         the profile has no arrival rate (a closed model)
 * @param errors           requests that failed on the generator's side, by cause
 * @param warmUp           the run's warm-up from the start of load ({@link Duration#ZERO} when none): like every
 *                         threshold, the generator's lateness is judged after it
 */
public record GeneratorRecord(List<Second> seconds, List<Probe> probes, List<Double> plannedArrivals,
                              Map<GeneratorError, Long> errors, Duration warmUp) {

    public GeneratorRecord {
        warmUp = warmUp == null ? Duration.ZERO : warmUp;
        seconds = List.copyOf(seconds);
        probes = List.copyOf(probes);
        plannedArrivals = plannedArrivals == null ? null : List.copyOf(plannedArrivals);
        errors = Map.copyOf(errors);
    }

    /** A record of a run without a warm-up. */
    public GeneratorRecord(List<Second> seconds, List<Probe> probes, List<Double> plannedArrivals,
                           Map<GeneratorError, Long> errors) {
        this(seconds, probes, plannedArrivals, errors, Duration.ZERO);
    }

    /**
     * One second of the generator.
     *
     * @param second           seconds since the start of load
     * @param requestsSent     requests sent in it
     * @param arrivals         virtual users that sent their first request in it
     * @param gcPauseMillis    GC pause time that ended in it
     * @param longestGcPauseMillis the longest single pause that ended in it
     * @param cpuPercent       the process's CPU use (100 = every core busy), NaN when the JVM does not say
     * @param openDescriptors  open file descriptors at its end, -1 when the platform does not say
     * @param maxDescriptors   the process's descriptor limit, -1 when the platform does not say
     */
    public record Second(long second, long requestsSent, long arrivals, long gcPauseMillis, long longestGcPauseMillis,
                         double cpuPercent, long openDescriptors, long maxDescriptors) {
    }

    /**
     * One turn of the scheduler probe: it asked to wake after a short pause and woke {@code latenessMillis} late,
     * at {@code endMillis} from the start of load. Work the scheduler had due in the {@code latenessMillis} before
     * that (users to inject, requests to send) ran late by up to as much.
     */
    public record Probe(long endMillis, long latenessMillis) {
    }
}
