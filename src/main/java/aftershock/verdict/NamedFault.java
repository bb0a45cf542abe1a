package aftershock.verdict;

/**
 * A fault as reports and thresholds name it ("pod-kill", "redis-kill"): a threshold scoped to it is judged on
 * the {@link FaultWindow}s of that name. Planned faults are named faults, so a simulation scopes a threshold by
 * handing over the fault itself, never by retyping its name.
 *
 * <pre>
 *   PlannedFault redisKill = platform.redisKill();
 *   Threshold.below(Metric.RECOVERY_SECONDS, Duration.ofSeconds(30)).forFault(redisKill);
 * </pre>
 */
public interface NamedFault {

    /** The name in reports, the console and {@link FaultWindow#fault()}. */
    String label();
}
