package aftershock.probes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What probe samples say about one fault: when the system recovered, its longest outage and its availability.
 * A pure function of the samples.
 *
 * <pre>
 *   Recovery r = Recovery.of(loop.samples(), injectedAt, restoredAt, 3);
 *   r.recoveredAt();       // the first of 3 consecutive OK samples at or after restoredAt
 *   r.maxDowntime();       // longest run of failed samples, first failure to the next OK sample
 * </pre>
 *
 * @param recoveredAt    empty when no K consecutive OK samples followed {@code recoveryFrom}
 * @param maxDowntime    from the first failed sample of a run of failures to the next OK sample (or the last sample)
 * @param availability   OK samples / all samples from injection on, in percent
 */
public record Recovery(Optional<Instant> recoveredAt, Duration maxDowntime, double availabilityPercent, int samples) {

    /**
     * @param injectedAt    when the fault was injected: downtime and availability count from here
     * @param recoveryFrom  recovery is looked for from here on (the injection, or the restoration of a fault
     *                      that is held for a fixed outage)
     * @param consecutiveOk how many OK samples in a row make a recovery
     */
    public static Recovery of(List<ProbeSample> samples, Instant injectedAt, Instant recoveryFrom, int consecutiveOk) {
        Instant recovered = null;
        int streak = 0;
        Instant streakStart = null;
        Duration maxDown = Duration.ZERO;
        Instant downSince = null;
        int counted = 0;
        int ok = 0;
        for (ProbeSample sample : samples) {
            if (sample.at().isBefore(injectedAt)) {
                continue;
            }
            counted++;
            if (sample.ok()) {
                ok++;
                if (downSince != null) {
                    maxDown = max(maxDown, Duration.between(downSince, sample.at()));
                    downSince = null;
                }
            } else if (downSince == null) {
                downSince = sample.at();
            }
            if (recovered == null && !sample.at().isBefore(recoveryFrom)) {
                if (sample.ok()) {
                    streakStart = streak == 0 ? sample.at() : streakStart;
                    streak++;
                    if (streak >= consecutiveOk) {
                        recovered = streakStart;
                    }
                } else {
                    streak = 0;
                }
            }
        }
        if (downSince != null && counted > 0) {
            maxDown = max(maxDown, Duration.between(downSince, samples.get(samples.size() - 1).at()));
        }
        double availability = counted == 0 ? 0 : 100.0 * ok / counted;
        return new Recovery(Optional.ofNullable(recovered), maxDown, availability, counted);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
