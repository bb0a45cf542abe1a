package aftershock.probes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What probe samples say about one fault: when the system recovered, its longest outage and its availability.
 * A pure function of the samples, read by their send times.
 *
 * <pre>
 *   Recovery r = Recovery.of(loop.samples(), injectedAt, restoredAt, 3);
 *   r.recoveredAt();       // send time of the first of 3 consecutive OK probes after the outage
 *   r.maxDowntime();       // send time of a run's first failed probe to that of the first probe of the recovering run
 *   r.firstFailureAt();    // empty: no probe failed, users saw nothing of the fault
 * </pre>
 *
 * @param recoveredAt         empty when no K consecutive OK samples followed the outage; when no probe failed
 *                            from {@code recoveryFrom} on, the first K consecutive OK samples from there
 * @param maxDowntime         the longest outage: from the send time of the first failed probe of a run to the send
 *                            time of the next OK probe (or of the last probe, while it lasts)
 * @param availabilityPercent the share of time the probes saw the system OK, from the first probe sent at or
 *                            after the injection to the last one; each probe stands for the time until the next
 * @param samples             samples counted, from the injection on
 * @param firstFailureAt      send time of the first failed probe at or after the injection
 */
public record Recovery(Optional<Instant> recoveredAt, Duration maxDowntime, double availabilityPercent, int samples,
                       Optional<Instant> firstFailureAt) {

    /** True when at least one probe failed after the injection: users saw the fault. */
    public boolean sawFailure() {
        return firstFailureAt.isPresent();
    }

    /**
     * @param samples       sorted by send time, as {@link ProbeLoop#samples()} gives them
     * @param injectedAt    when the fault was injected: downtime and availability count from here
     * @param recoveryFrom  recovery is looked for from here on (the injection, or the restoration of a fault
     *                      that is held for a fixed outage); when a probe fails after it, only OK probes after
     *                      that failure make the recovery, so a few OK answers before the fault takes effect
     *                      never read as a 0 s recovery
     * @param consecutiveOk how many OK samples in a row make a recovery
     */
    public static Recovery of(List<ProbeSample> samples, Instant injectedAt, Instant recoveryFrom, int consecutiveOk) {
        List<ProbeSample> counted = samples.stream().filter(s -> !s.sentAt().isBefore(injectedAt)).toList();
        Duration maxDown = Duration.ZERO;
        Instant downSince = null;
        Instant firstFailure = null;
        long okMillis = 0;
        long totalMillis = 0;
        for (int i = 0; i < counted.size(); i++) {
            ProbeSample sample = counted.get(i);
            if (i + 1 < counted.size()) {
                long span = Duration.between(sample.sentAt(), counted.get(i + 1).sentAt()).toMillis();
                totalMillis += span;
                okMillis += sample.ok() ? span : 0;
            }
            if (sample.ok()) {
                if (downSince != null) {
                    maxDown = max(maxDown, Duration.between(downSince, sample.sentAt()));
                    downSince = null;
                }
            } else {
                firstFailure = firstFailure == null ? sample.sentAt() : firstFailure;
                downSince = downSince == null ? sample.sentAt() : downSince;
            }
        }
        if (downSince != null) {
            maxDown = max(maxDown, Duration.between(downSince, counted.get(counted.size() - 1).sentAt()));
        }
        double availability;
        if (counted.isEmpty()) {
            availability = 0;
        } else if (totalMillis == 0) {
            availability = counted.get(0).ok() ? 100 : 0;
        } else {
            availability = 100.0 * okMillis / totalMillis;
        }
        return new Recovery(recoveredAt(counted, recoveryFrom, consecutiveOk), maxDown, availability, counted.size(),
                Optional.ofNullable(firstFailure));
    }

    private static Optional<Instant> recoveredAt(List<ProbeSample> counted, Instant recoveryFrom, int consecutiveOk) {
        List<ProbeSample> from = counted.stream().filter(s -> !s.sentAt().isBefore(recoveryFrom)).toList();
        int start = 0;
        for (int i = 0; i < from.size(); i++) {
            if (!from.get(i).ok()) {
                start = i + 1;
                break;
            }
        }
        int streak = 0;
        for (int i = start; i < from.size(); i++) {
            streak = from.get(i).ok() ? streak + 1 : 0;
            if (streak >= consecutiveOk) {
                return Optional.of(from.get(i - consecutiveOk + 1).sentAt());
            }
        }
        return Optional.empty();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
