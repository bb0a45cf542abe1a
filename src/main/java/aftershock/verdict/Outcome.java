package aftershock.verdict;

import java.util.Objects;

/**
 * How a run ended, as its last console line and its exit code say it: a verdict (PASS, WARN, FAIL), input
 * refused before any load (bad input), a run that could not be judged (no verdict), or a run whose load generator
 * did not keep up (invalid: its figures say more about the generator than about the system).
 *
 * <pre>
 *   Outcome.of(summary).line();                          // "FAIL (2 of 7 thresholds)"
 *   Outcome.badInput("rate must be positive").line();    // "bad input: rate must be positive"
 *   Outcome.noVerdict("recording is off").exitCode();    // 3
 *   Outcome.invalid("412 requests sent over 100 ms late").line();  // "INVALID (generator overloaded: 412 ...)"
 * </pre>
 *
 * @param kind   which ending
 * @param detail what the line says after the kind: "2 of 7 thresholds", the bad input, why there is no verdict;
 *               empty for a plain PASS
 */
public record Outcome(Kind kind, String detail) {

    /** The endings, each with its exit code. */
    public enum Kind {
        PASS(0), WARN(0), FAIL(1), BAD_INPUT(2), NO_VERDICT(3), INVALID(4);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }

    /** The verdict of a judged run, counting the thresholds that made it; INVALID when its generator fell behind. */
    public static Outcome of(RunSummary summary) {
        if (!summary.generatorKeptUp()) {
            return invalid(summary.generator().reason());
        }
        Verdict verdict = summary.verdict();
        if (verdict == Verdict.PASS) {
            return new Outcome(Kind.PASS, "");
        }
        long counted = summary.thresholds().stream().filter(t -> t.verdict() == verdict).count();
        return new Outcome(verdict == Verdict.FAIL ? Kind.FAIL : Kind.WARN,
                counted + " of " + summary.thresholds().size() + " thresholds");
    }

    /** Input refused before any load: a configuration value, an unreachable target, a simulation wired wrong. */
    public static Outcome badInput(String what) {
        return new Outcome(Kind.BAD_INPUT, what);
    }

    /** A run that could not be judged, for example with recording off. */
    public static Outcome noVerdict(String why) {
        return new Outcome(Kind.NO_VERDICT, why);
    }

    /**
     * A run whose load generator did not keep up: no PASS or FAIL, whatever the thresholds say, because the
     * generator's own limits shaped the figures.
     *
     * @param why which guard of the generator's health tripped, with the measured value
     */
    public static Outcome invalid(String why) {
        return new Outcome(Kind.INVALID, "generator overloaded: " + why);
    }

    /** True for PASS, WARN and FAIL: the run was judged, and a comparison may measure it. */
    public boolean judged() {
        return kind == Kind.PASS || kind == Kind.WARN || kind == Kind.FAIL;
    }

    public int exitCode() {
        return kind.exitCode();
    }

    /**
     * The line after "aftershock: ": "PASS", "FAIL (2 of 7 thresholds)", "bad input: ...", "no verdict: ...",
     * "INVALID (generator overloaded: ...)".
     */
    public String line() {
        return switch (kind) {
            case PASS, WARN, FAIL, INVALID -> kind.name() + (detail.isEmpty() ? "" : " (" + detail + ")");
            case BAD_INPUT -> "bad input: " + detail;
            case NO_VERDICT -> "no verdict: " + detail;
        };
    }
}
