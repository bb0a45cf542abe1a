package aftershock.verdict;

import java.util.List;

/**
 * How far the load generator's scheduler fell behind, second by second, from the probe's samples, and from which
 * second that is judged: the arithmetic under {@link GeneratorHealth}'s lateness guard.
 */
final class SchedulerLateness {

    static final long SECOND_MILLIS = 1000;

    private SchedulerLateness() {
    }

    /**
     * The first second whose lateness counts: after the warm-up, as for every threshold, and after the start-up
     * grace from the first arrival, while a fresh JVM compiles the code every request runs through.
     */
    static long judgedFromSecond(GeneratorRecord record, GeneratorLimits limits,
                                 List<GeneratorRecord.Second> seconds, int firstArrival) {
        long afterWarmUp = ceilSeconds(record.warmUp().toMillis());
        long firstSecond = firstArrival < 0 ? 0 : seconds.get(firstArrival).second();
        return Math.max(afterWarmUp, firstSecond + ceilSeconds(limits.startGrace().toMillis()));
    }

    static long ceilSeconds(long millis) {
        return (millis + SECOND_MILLIS - 1) / SECOND_MILLIS;
    }

    /**
     * Milliseconds of each second during which the scheduler was more than {@code lateAfterMillis} behind: a probe
     * that woke L ms late at time t was behind by more than the limit from t - L + limit to t.
     */
    static long[] lateMillisBySecond(List<GeneratorRecord.Probe> probes, long lateAfterMillis,
                                     List<GeneratorRecord.Second> seconds) {
        long[] late = new long[seconds.size()];
        for (GeneratorRecord.Probe probe : probes) {
            long overMillis = probe.latenessMillis() - lateAfterMillis;
            if (overMillis <= 0) {
                continue;
            }
            long from = probe.endMillis() - overMillis;
            long to = probe.endMillis();
            for (int i = 0; i < seconds.size(); i++) {
                long start = seconds.get(i).second() * SECOND_MILLIS;
                long overlap = Math.min(to, start + SECOND_MILLIS) - Math.max(from, start);
                if (overlap > 0) {
                    late[i] += overlap;
                }
            }
        }
        return late;
    }

    static long[] maxLateBySecond(List<GeneratorRecord.Probe> probes, List<GeneratorRecord.Second> seconds) {
        long[] max = new long[seconds.size()];
        for (GeneratorRecord.Probe probe : probes) {
            for (int i = 0; i < seconds.size(); i++) {
                long start = seconds.get(i).second() * SECOND_MILLIS;
                if (probe.endMillis() >= start && probe.endMillis() < start + SECOND_MILLIS) {
                    max[i] = Math.max(max[i], probe.latenessMillis());
                }
            }
        }
        return max;
    }
}
