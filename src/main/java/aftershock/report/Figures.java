package aftershock.report;

import aftershock.verdict.FaultWindow;
import aftershock.verdict.GeneratorHealth;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import aftershock.verdict.ThresholdResult;
import aftershock.verdict.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The numbers every report shows, formatted once so Markdown, HTML and JUnit XML agree.
 * Derived values (recovery time, key figures) are computed here from {@link RunSummary}, never stored.
 */
public final class Figures {

    private Figures() {
    }

    /** Figures over all requests of the whole run, if the summary has them. */
    public static Optional<RequestStats> allRequests(RunSummary summary) {
        if (summary == null || summary.requests() == null) {
            return Optional.empty();
        }
        return summary.requests().stream()
                .filter(stats -> Threshold.ALL_REQUESTS.equals(stats.name()))
                .findFirst();
    }

    /** The slowest recovery over all faults of a run; empty when it had no faults or none was measured. */
    public static Optional<Double> worstRecoverySeconds(RunSummary summary) {
        return faults(summary).stream()
                .map(FaultWindow::recoverySeconds)
                .filter(Objects::nonNull)
                .max(Double::compare);
    }

    /** "2.0 s", "not recovered" when a fault never recovered, "N/A" for runs without faults. */
    public static String recovery(RunSummary summary) {
        List<FaultWindow> faults = faults(summary);
        if (faults.isEmpty()) {
            return "N/A";
        }
        if (faults.stream().anyMatch(fault -> fault.recoverySeconds() == null)) {
            return "not recovered";
        }
        return seconds(worstRecoverySeconds(summary).orElseThrow());
    }

    /** One line of the figures a reader looks at first: latency, errors, throughput, downtime, lost data. */
    public static String keyFigures(RunSummary summary) {
        List<String> parts = new ArrayList<>();
        allRequests(summary).ifPresent(all -> {
            parts.add("P95 " + all.p95Millis() + " ms");
            parts.add("P99 " + all.p99Millis() + " ms");
            parts.add("errors " + percent(all.errorRatePercent()));
            parts.add(number(all.rps()) + " req/s");
        });
        faults(summary).stream()
                .map(FaultWindow::maxDowntimeSeconds)
                .filter(Objects::nonNull)
                .max(Double::compare)
                .ifPresent(downtime -> parts.add("max downtime " + seconds(downtime)));
        faults(summary).stream()
                .map(FaultWindow::availabilityPercent)
                .filter(Objects::nonNull)
                .min(Double::compare)
                .ifPresent(availability -> parts.add("availability while recovering " + percent(availability)));
        if (summary != null && summary.integrity() != null) {
            parts.add("lost writes " + summary.integrity().lost() + "/" + summary.integrity().acknowledged());
        }
        if (summary != null && summary.generator() != null) {
            parts.add(generator(summary.generator()));
        }
        return String.join(", ", parts);
    }

    /**
     * The generator's health in one phrase: "generator kept up (0.1 % late, 0 generator errors)", or "generator
     * overloaded: " and the tripped guards.
     */
    public static String generator(GeneratorHealth health) {
        if (!health.keptUp()) {
            return "generator overloaded: " + health.reason();
        }
        return "generator kept up (" + percent(health.figures().latePercent()) + " late, "
                + health.figures().generatorErrors() + " generator errors)";
    }

    /** The measured value with the metric's unit, or "not measured". */
    public static String measured(ThresholdResult result) {
        if (result.measured() == null || result.measured().isNaN()) {
            return "not measured";
        }
        return withUnit(result.measured(), result.threshold());
    }

    /** "&lt; 500 ms", with the warning limit when there is one: "&lt; 30 s (warn &lt; 60 s)". */
    public static String limit(Threshold threshold) {
        String pass = threshold.comparison().symbol() + " " + withUnit(threshold.passLimit(), threshold);
        if (threshold.warnLimit() == null) {
            return pass;
        }
        return pass + " (warn " + threshold.comparison().symbol() + " " + withUnit(threshold.warnLimit(), threshold) + ")";
    }

    /** "P95 measured 812 ms, limit &lt; 500 ms" for failure messages. */
    public static String measuredAgainstLimit(ThresholdResult result) {
        return result.threshold().metric().label() + " measured " + measured(result) + ", limit " + limit(result.threshold());
    }

    /** A missing verdict counts as FAIL: a run that could not say how it went did not pass. */
    public static Verdict verdictOf(RunSummary summary) {
        return summary == null || summary.verdict() == null ? Verdict.FAIL : summary.verdict();
    }

    /** A threshold without a verdict counts as FAIL. */
    public static Verdict orFail(Verdict verdict) {
        return verdict == null ? Verdict.FAIL : verdict;
    }

    public static String seconds(double seconds) {
        return number(seconds) + " s";
    }

    public static String percent(double percent) {
        return number(percent) + "%";
    }

    /** Whole numbers without decimals, others with up to two. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String withUnit(double value, Threshold threshold) {
        String unit = threshold.metric().unit();
        if (unit.isEmpty()) {
            return number(value);
        }
        return "%".equals(unit) ? number(value) + "%" : number(value) + " " + unit;
    }

    private static List<FaultWindow> faults(RunSummary summary) {
        return summary == null || summary.faults() == null ? List.of() : summary.faults();
    }
}
