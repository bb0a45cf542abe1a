package aftershock.report;

import aftershock.verdict.RunSummary;
import aftershock.verdict.ThresholdResult;
import aftershock.verdict.Verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes {@code summary.md}: one row per simulation (test, objective, result, recovery time, key figures),
 * then each simulation's thresholds. Only serialises what the runs recorded.
 */
public final class MarkdownSummary {

    public static final String FILE = "summary.md";

    private MarkdownSummary() {
    }

    public static Path write(SuiteResults suite) throws IOException {
        Path file = suite.dir().resolve(FILE);
        Files.writeString(file, render(suite), StandardCharsets.UTF_8);
        return file;
    }

    public static String render(SuiteResults suite) {
        StringBuilder md = new StringBuilder();
        md.append("# Aftershock suite ").append(cell(suite.name())).append("\n\n");
        md.append("**Overall**: ").append(badge(suite.verdict())).append(" — ").append(counts(suite)).append("\n\n");
        md.append("| Test | Objective | Result | Recovery Time | Key figures |\n");
        md.append("|------|-----------|--------|---------------|-------------|\n");
        for (SimulationRun run : suite.runs()) {
            RunSummary summary = run.summary();
            md.append("| ").append(cell(run.simulation()))
                    .append(" | ").append(cell(summary == null ? "" : nullToEmpty(summary.description())))
                    .append(" | ").append(badge(run)).append(run.crashed() ? " (" + run.noSummaryReason() + ")" : "")
                    .append(" | ").append(cell(summary == null ? "N/A" : Figures.recovery(summary)))
                    .append(" | ").append(cell(summary == null ? "no summary.json" : Figures.keyFigures(summary)))
                    .append(" |\n");
        }
        md.append("\n## Thresholds\n");
        for (SimulationRun run : suite.runs()) {
            md.append("\n### ").append(run.simulation()).append(" — ").append(badge(run)).append("\n\n");
            run.gatlingReport().ifPresent(report -> md.append("[Gatling report](")
                    .append(suite.dir().relativize(report).toString().replace('\\', '/')).append(")\n\n"));
            if (run.crashed()) {
                md.append(cell(run.problem())).append("\n");
                continue;
            }
            if (run.summary().generator() != null) {
                md.append("Load generator: ").append(cell(Figures.generator(run.summary().generator()))).append("\n\n");
            }
            if (run.summary().thresholds() == null || run.summary().thresholds().isEmpty()) {
                md.append("No thresholds recorded.\n");
                continue;
            }
            md.append("| Threshold | Scope | Phase | Measured | Limit | Result | Note |\n");
            md.append("|-----------|-------|-------|----------|-------|--------|------|\n");
            for (ThresholdResult result : run.summary().thresholds()) {
                md.append("| ").append(cell(result.threshold().name()))
                        .append(" | ").append(cell(result.threshold().scope()))
                        .append(" | ").append(result.threshold().phase().name().toLowerCase())
                        .append(" | ").append(cell(Figures.measured(result)))
                        .append(" | ").append(cell(Figures.limit(result.threshold())))
                        .append(" | ").append(badge(Figures.orFail(result.verdict())))
                        .append(" | ").append(cell(nullToEmpty(result.note())))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /** INVALID when the run's generator did not keep up: its thresholds were not judged. */
    static String badge(SimulationRun run) {
        return run.invalid() ? "⛔ INVALID" : badge(run.verdict());
    }

    static String badge(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "✅ PASS";
            case WARN -> "⚠️ WARN";
            case FAIL -> "❌ FAIL";
        };
    }

    private static String counts(SuiteResults suite) {
        Map<Verdict, Long> byVerdict = suite.runs().stream()
                .collect(Collectors.groupingBy(SimulationRun::verdict, Collectors.counting()));
        Function<Verdict, Long> count = verdict -> byVerdict.getOrDefault(verdict, 0L);
        return suite.runs().size() + (suite.runs().size() == 1 ? " simulation: " : " simulations: ") + count.apply(Verdict.PASS) + " passed, "
                + count.apply(Verdict.WARN) + " warned, " + count.apply(Verdict.FAIL) + " failed";
    }

    /** A table cell: pipes would end the cell and line breaks the row. */
    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\R+", " ");
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
