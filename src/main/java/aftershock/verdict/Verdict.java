package aftershock.verdict;

/** Outcome of one threshold or of a whole run. WARN is reported but never fails a run. */
public enum Verdict {
    PASS, WARN, FAIL;

    /** The worse of two verdicts: FAIL beats WARN beats PASS. */
    public Verdict and(Verdict other) {
        return this.ordinal() >= other.ordinal() ? this : other;
    }

    public boolean fails() {
        return this == FAIL;
    }
}
