package aftershock.verdict;

/** Which part of a run a measurement covers, relative to the faults fired in it. */
public enum Phase {
    /** The whole run. */
    ALL,
    /** From the start of load to the first fault injection. */
    BEFORE,
    /** From the first fault injection to its restoration. */
    DURING,
    /** From the moment the system recovered to the end of load. */
    AFTER
}
