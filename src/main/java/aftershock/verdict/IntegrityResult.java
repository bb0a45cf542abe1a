package aftershock.verdict;

/**
 * Jepsen-style data check: writes acknowledged before a fault, read back after recovery.
 *
 * @param acknowledged writes the system acknowledged
 * @param present      acknowledged writes read back with the value written
 * @param lost         acknowledged writes that could not be read back at all
 * @param stale        acknowledged writes read back with an older or different value
 * @param readVia      where the read-back went (for example a different replica than the writes)
 */
public record IntegrityResult(int attempted, int acknowledged, int present, int lost, int stale, String readVia) {
}
