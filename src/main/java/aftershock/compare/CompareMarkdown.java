package aftershock.compare;

import aftershock.compare.SimulationComparison.RequestComparison;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code compare.md}: per simulation and request, baseline and current figures side by side. */
public final class CompareMarkdown {

    public static final String FILE = "compare.md";

    private CompareMarkdown() {
    }

    public static Path write(SuiteComparison comparison, Path outDir) throws IOException {
        Path file = outDir.resolve(FILE);
        Files.writeString(file, render(comparison), StandardCharsets.UTF_8);
        return file;
    }

    public static String render(SuiteComparison comparison) {
        StringBuilder md = new StringBuilder();
        md.append("# Aftershock comparison\n\n");
        md.append("Baseline `").append(comparison.baseline()).append("`, current `").append(comparison.current()).append("`; ")
                .append(comparison.tolerance().describe()).append(".\n\n");
        int regressions = comparison.regressions().size();
        md.append(regressions == 0 ? "**No regressions.**\n" : "**" + regressions + " regression" + (regressions == 1 ? "" : "s") + ":** "
                + cell(String.join(", ", comparison.regressions())) + "\n");
        comparison.noVerdicts().forEach(line -> md.append("\n**No verdict:** ").append(cell(line)).append('\n'));
        for (SimulationComparison simulation : comparison.simulations()) {
            md.append("\n## ").append(simulation.simulation()).append(" (")
                    .append(simulation.baselineVerdict() == null ? "—" : simulation.baselineVerdict()).append(" → ")
                    .append(simulation.noVerdict() != null ? "no verdict"
                            : simulation.currentVerdict() == null ? "—" : simulation.currentVerdict()).append(")\n\n");
            simulation.notes().forEach(note -> md.append("- ").append(cell(note)).append('\n'));
            if (!simulation.notes().isEmpty()) {
                md.append('\n');
            }
            simulation.outcomeRegressions().forEach(regression -> md.append("- ❌ ").append(cell(regression)).append('\n'));
            if (!simulation.outcomeRegressions().isEmpty()) {
                md.append('\n');
            }
            if (simulation.groups().isEmpty()) {
                continue;
            }
            md.append("| Request | Metric | Baseline | Current | Δ | Δ % | | How judged |\n");
            md.append("|---------|--------|----------|---------|---|-----|---|------------|\n");
            for (RequestComparison request : simulation.groups()) {
                for (MetricDelta metric : request.metrics()) {
                    row(md, request.request(), metric);
                }
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String request, MetricDelta metric) {
        md.append("| ").append(cell(request)).append(" | ").append(metric.metric())
                .append(" | ").append(CompareFigures.value(metric, true))
                .append(" | ").append(CompareFigures.value(metric, false))
                .append(" | ").append(CompareFigures.delta(metric))
                .append(" | ").append(CompareFigures.percent(metric))
                .append(" | ").append(metric.regression() ? "❌ regression" : "")
                .append(" | ").append(metric.note() == null ? "" : cell(metric.note())).append(" |\n");
    }

    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\R+", " ");
    }
}
