package aftershock.verdict;

/**
 * A threshold with what was measured for it and the resulting verdict.
 *
 * @param measured the measured value in the metric's unit, or null when nothing could be measured
 * @param note     why, when the verdict needs explaining (for example "no recovery observed within 120 s")
 */
public record ThresholdResult(Threshold threshold, Double measured, Verdict verdict, String note) {

    /** Judges {@code measured} against {@code threshold}. */
    public static ThresholdResult judge(Threshold threshold, Double measured, String note) {
        return new ThresholdResult(threshold, measured, threshold.judge(measured), note);
    }

    public static ThresholdResult judge(Threshold threshold, Double measured) {
        return judge(threshold, measured, measured == null || measured.isNaN() ? "not measured" : null);
    }
}
