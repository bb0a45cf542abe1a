package aftershock.verdict;

/**
 * When one fault was injected, restored and recovered from, in seconds since the start of load, what the probes
 * measured, and what the faulted component itself showed. Nullable fields were not reached or not measured.
 *
 * @param fault                    the fault's name, for example "redis-kill"
 * @param target                   what it hit, for example "redis-server pid 4242"
 * @param recoverySeconds          fault injection (or restoration of a held fault) to the send time of the first of
 *                                 K consecutive OK probes after the outage
 * @param maxDowntimeSeconds       longest outage the probes saw: send time of its first failed probe to that of
 *                                 the first probe of the recovering run
 * @param availabilityPercent      share of the time from the injection to the end of observation the probes saw OK
 * @param evidence                 what showed the fault took effect on the component ("pid 4242 gone"), or what
 *                                 was missing; null in records written before it was kept
 * @param componentRecoverySeconds the component's own recovery, injection to replica healthy / replacement pod
 *                                 Ready / new master elected; null when not measured
 * @param failure                  why this fault's figures cannot pass whatever they are ("fault not observed: ...",
 *                                 "restore failed: ..."); null when none
 * @param userRecoverySeconds      when the probes watched the service's address (Kubernetes BASE_URL) rather than
 *                                 the component: the recovery users saw there; recoverySeconds is then the
 *                                 component's own. Null when the probes watched the component itself
 * @param userMaxDowntimeSeconds   likewise, the longest outage users saw there
 */
public record FaultWindow(String fault, String target, double injectedAtSecond, Double restoredAtSecond,
                          Double recoveredAtSecond, Double recoverySeconds, Double maxDowntimeSeconds,
                          Double availabilityPercent, String evidence, Double componentRecoverySeconds,
                          String failure, Double userRecoverySeconds, Double userMaxDowntimeSeconds) {

    /** A window whose probes watched the faulted component itself. */
    public FaultWindow(String fault, String target, double injectedAtSecond, Double restoredAtSecond,
                       Double recoveredAtSecond, Double recoverySeconds, Double maxDowntimeSeconds,
                       Double availabilityPercent, String evidence, Double componentRecoverySeconds, String failure) {
        this(fault, target, injectedAtSecond, restoredAtSecond, recoveredAtSecond, recoverySeconds, maxDowntimeSeconds,
                availabilityPercent, evidence, componentRecoverySeconds, failure, null, null);
    }

    /** A window without the component's evidence, as recorded before it was kept. */
    public FaultWindow(String fault, String target, double injectedAtSecond, Double restoredAtSecond,
                       Double recoveredAtSecond, Double recoverySeconds, Double maxDowntimeSeconds,
                       Double availabilityPercent) {
        this(fault, target, injectedAtSecond, restoredAtSecond, recoveredAtSecond, recoverySeconds, maxDowntimeSeconds,
                availabilityPercent, null, null, null, null, null);
    }

    /** True when the component showed the fault and the probes never failed: a resilient system. */
    public boolean noUserVisibleImpact() {
        Double seenByUsers = userMaxDowntimeSeconds != null ? userMaxDowntimeSeconds : maxDowntimeSeconds;
        return failure == null && evidence != null && seenByUsers != null && seenByUsers == 0;
    }
}
