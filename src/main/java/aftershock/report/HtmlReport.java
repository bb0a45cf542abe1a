package aftershock.report;

import aftershock.report.TimelineSvg.Axis;
import aftershock.report.TimelineSvg.Band;
import aftershock.report.TimelineSvg.Marker;
import aftershock.report.TimelineSvg.Point;
import aftershock.report.TimelineSvg.Series;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.IntegrityResult;
import aftershock.verdict.RunSummary;
import aftershock.verdict.ThresholdResult;
import aftershock.verdict.TimelinePoint;
import aftershock.verdict.Verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static aftershock.report.Html.text;

/**
 * Writes the suite's {@code index.html}: self-contained (inline CSS and SVG, no script, no network), so it
 * opens from {@code file://} and from a downloaded CI artifact. Per simulation: request rate (OK and KO) and P95 timeline
 * with fault windows shaded and recovery points marked, the threshold table, and a link to Gatling's report.
 */
public final class HtmlReport {

    public static final String FILE = "index.html";
    static final String P95_COLOR = "#1f6feb";
    static final String OK_COLOR = "#2da44e";
    static final String ERROR_COLOR = "#cf222e";

    private HtmlReport() {
    }

    public static Path write(SuiteResults suite) throws IOException {
        Path file = suite.dir().resolve(FILE);
        Files.writeString(file, render(suite), StandardCharsets.UTF_8);
        return file;
    }

    public static String render(SuiteResults suite) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Aftershock suite ").append(text(suite.name())).append("</title>\n")
                .append("<style>\n").append(Html.STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Aftershock suite ").append(text(suite.name())).append(' ').append(badge(suite.verdict())).append("</h1>\n");
        overview(html, suite);
        for (SimulationRun run : suite.runs()) {
            simulation(html, suite, run);
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void overview(StringBuilder html, SuiteResults suite) {
        html.append("<table class=\"overview\">\n<tr><th>Test</th><th>Objective</th><th>Result</th><th>Recovery time</th>")
                .append("<th>Key figures</th><th>Gatling report</th></tr>\n");
        for (SimulationRun run : suite.runs()) {
            RunSummary summary = run.summary();
            html.append("<tr><td><a href=\"#").append(anchor(run)).append("\">").append(text(run.simulation())).append("</a></td>")
                    .append("<td>").append(text(summary == null ? "" : summary.description())).append("</td>")
                    .append("<td class=\"").append(run.verdict()).append("\">").append(run.result())
                    .append(run.crashed() ? " (" + run.noSummaryReason() + ")" : "").append("</td>")
                    .append("<td>").append(text(summary == null ? "N/A" : Figures.recovery(summary))).append("</td>")
                    .append("<td>").append(text(summary == null ? "" : Figures.keyFigures(summary))).append("</td>")
                    .append("<td>").append(gatlingLink(suite, run)).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void simulation(StringBuilder html, SuiteResults suite, SimulationRun run) {
        html.append("<section class=\"simulation\" id=\"").append(anchor(run)).append("\">\n<h2>")
                .append(text(run.simulation())).append(' ').append(run.invalid()
                        ? "<span class=\"badge FAIL\">INVALID</span>" : badge(run.verdict())).append("</h2>\n");
        html.append("<p>").append(gatlingLink(suite, run)).append("</p>\n");
        if (run.crashed()) {
            html.append("<p class=\"FAIL\">").append(text(run.problem())).append("</p>\n<pre>")
                    .append(text(run.consoleTail(40))).append("</pre>\n</section>\n");
            return;
        }
        RunSummary summary = run.summary();
        if (summary.description() != null) {
            html.append("<p class=\"muted\">").append(text(summary.description())).append("</p>\n");
        }
        html.append(chart(summary));
        if (summary.warmUp() != null) {
            html.append("<p class=\"muted warm-up\">Before second 0: ").append(text(SummaryFiles.warmUpText(summary.warmUp())))
                    .append(".</p>\n");
        }
        if (summary.generator() != null) {
            html.append("<p class=\"").append(summary.generator().keptUp() ? "muted" : "FAIL").append(" generator\">Load ")
                    .append(text(Figures.generator(summary.generator()))).append(".</p>\n");
        }
        faults(html, summary);
        integrity(html, summary.integrity());
        thresholds(html, summary);
        html.append("</section>\n");
    }

    /** The request rate (OK and KO) and P95 timeline of one run, with its fault windows and recovery points. */
    static String chart(RunSummary summary) {
        List<TimelinePoint> timeline = summary.timeline() == null ? List.of() : summary.timeline();
        if (timeline.isEmpty()) {
            return "<p class=\"muted\">No timeline recorded.</p>\n";
        }
        List<FaultWindow> faults = summary.faults() == null ? List.of() : summary.faults();
        double lastSecond = timeline.get(timeline.size() - 1).second();
        List<Band> bands = faults.stream()
                .map(fault -> new Band(fault.fault(), fault.injectedAtSecond(),
                        fault.restoredAtSecond() == null ? lastSecond : fault.restoredAtSecond()))
                .toList();
        List<Marker> markers = faults.stream()
                .filter(fault -> fault.recoveredAtSecond() != null)
                .map(fault -> new Marker("recovered" + (fault.recoverySeconds() == null ? ""
                        : " after " + Figures.seconds(fault.recoverySeconds())), fault.recoveredAtSecond()))
                .toList();
        // The load itself first: requests answered OK and KO each second, the P95 of the OK ones beside them.
        List<Series> series = List.of(
                new Series("OK (req/s)", OK_COLOR, Axis.LEFT, false,
                        timeline.stream().map(point -> new Point(point.second(), point.count() - point.ko())).toList()),
                new Series("KO (req/s)", ERROR_COLOR, Axis.LEFT, false,
                        timeline.stream().map(point -> new Point(point.second(), point.ko())).toList()),
                new Series("P95 (ms)", P95_COLOR, Axis.RIGHT, false,
                        timeline.stream().map(point -> new Point(point.second(), point.p95Millis())).toList()));
        return TimelineSvg.render(summary.simulation() + ": requests per second (OK and KO) and P95", "requests per second",
                "P95 (ms)", series, bands, markers);
    }

    private static void faults(StringBuilder html, RunSummary summary) {
        if (summary.faults() == null || summary.faults().isEmpty()) {
            return;
        }
        html.append("<table class=\"faults\">\n<tr><th>Fault</th><th>Target</th><th>Injected at</th><th>Restored at</th>")
                .append("<th>Recovered at</th><th>Recovery</th><th>Max downtime</th><th>Availability</th></tr>\n");
        for (FaultWindow fault : summary.faults()) {
            html.append("<tr><td>").append(text(fault.fault())).append("</td><td>").append(text(fault.target())).append("</td>")
                    .append(num(Figures.seconds(fault.injectedAtSecond())))
                    .append(num(fault.restoredAtSecond() == null ? "not restored" : Figures.seconds(fault.restoredAtSecond())))
                    .append(num(fault.recoveredAtSecond() == null ? "not recovered" : Figures.seconds(fault.recoveredAtSecond())))
                    .append(num(fault.recoverySeconds() == null ? "—" : Figures.seconds(fault.recoverySeconds())))
                    .append(num(fault.maxDowntimeSeconds() == null ? "—" : Figures.seconds(fault.maxDowntimeSeconds())))
                    .append(num(fault.availabilityPercent() == null ? "—" : Figures.percent(fault.availabilityPercent())))
                    .append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void integrity(StringBuilder html, IntegrityResult integrity) {
        if (integrity == null) {
            return;
        }
        html.append("<p>Data check: ").append(integrity.acknowledged()).append(" of ").append(integrity.attempted())
                .append(" writes acknowledged, ").append(integrity.present()).append(" read back, ")
                .append(integrity.lost()).append(" lost, ").append(integrity.stale()).append(" stale")
                .append(integrity.readVia() == null ? "" : " (read via " + text(integrity.readVia()) + ")").append(".</p>\n");
    }

    private static void thresholds(StringBuilder html, RunSummary summary) {
        List<ThresholdResult> thresholds = summary.thresholds() == null ? List.of() : summary.thresholds();
        if (thresholds.isEmpty()) {
            html.append("<p class=\"muted\">No thresholds recorded.</p>\n");
            return;
        }
        html.append("<table class=\"thresholds\">\n<tr><th>Threshold</th><th>Scope</th><th>Phase</th><th>Measured</th>")
                .append("<th>Limit</th><th>Result</th><th>Note</th></tr>\n");
        for (ThresholdResult result : thresholds) {
            Verdict verdict = Figures.orFail(result.verdict());
            html.append("<tr><td>").append(text(result.threshold().name())).append("</td><td>")
                    .append(text(result.threshold().scope())).append("</td><td>")
                    .append(result.threshold().phase().name().toLowerCase()).append("</td>")
                    .append(num(Figures.measured(result))).append(num(Figures.limit(result.threshold())))
                    .append("<td class=\"").append(verdict).append("\">").append(verdict).append("</td><td>")
                    .append(text(Objects.requireNonNullElse(result.note(), ""))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String gatlingLink(SuiteResults suite, SimulationRun run) {
        return run.gatlingReport()
                .map(report -> "<a href=\"" + text(suite.dir().relativize(report).toString().replace('\\', '/'))
                        + "\">Gatling report</a>")
                .orElse("<span class=\"muted\">no Gatling report</span>");
    }

    private static String anchor(SimulationRun run) {
        return "sim-" + run.simulation().replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String badge(Verdict verdict) {
        return "<span class=\"badge " + verdict + "\">" + verdict + "</span>";
    }

    private static String num(String value) {
        return "<td class=\"num\">" + text(value) + "</td>";
    }
}
