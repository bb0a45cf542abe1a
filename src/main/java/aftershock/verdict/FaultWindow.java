package aftershock.verdict;

/**
 * When one fault was injected, restored and recovered from, in seconds since the start of load,
 * and what the probes measured. Nullable fields were not reached or not measured.
 *
 * @param fault               the fault's name, for example "redis-kill"
 * @param target              what it hit, for example "redis-server pid 4242"
 * @param recoverySeconds     fault injection to the first of K consecutive OK probes
 * @param maxDowntimeSeconds  longest continuous run of failed probes
 * @param availabilityPercent share of OK probes from injection to the end of observation
 */
public record FaultWindow(String fault, String target, double injectedAtSecond, Double restoredAtSecond,
                          Double recoveredAtSecond, Double recoverySeconds, Double maxDowntimeSeconds,
                          Double availabilityPercent) {
}
