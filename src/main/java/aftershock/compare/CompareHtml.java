package aftershock.compare;

import aftershock.compare.SimulationComparison.RequestComparison;
import aftershock.report.Html;
import aftershock.report.TimelineSvg;
import aftershock.report.TimelineSvg.Axis;
import aftershock.report.TimelineSvg.Band;
import aftershock.report.TimelineSvg.Marker;
import aftershock.report.TimelineSvg.Point;
import aftershock.report.TimelineSvg.Series;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.TimelinePoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static aftershock.report.Html.text;

/**
 * Writes {@code compare.html}: self-contained like index.html; per simulation the figures side by side with
 * regressions flagged, and the P95 timelines of both runs overlaid (baseline dashed) with the current run's faults.
 */
public final class CompareHtml {

    public static final String FILE = "compare.html";
    static final String BASELINE_COLOR = "#8c959f";
    static final String CURRENT_COLOR = "#1f6feb";

    private CompareHtml() {
    }

    public static Path write(SuiteComparison comparison, Path outDir) throws IOException {
        Path file = outDir.resolve(FILE);
        Files.writeString(file, render(comparison), StandardCharsets.UTF_8);
        return file;
    }

    public static String render(SuiteComparison comparison) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Aftershock comparison ")
                .append(text(comparison.baseline())).append(" → ").append(text(comparison.current())).append("</title>\n<style>\n")
                .append(Html.STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Aftershock comparison</h1>\n<p>Baseline <code>").append(text(comparison.baseline()))
                .append("</code>, current <code>").append(text(comparison.current())).append("</code>; ")
                .append(text(comparison.tolerance().describe())).append(".</p>\n");
        List<String> regressions = comparison.regressions();
        html.append(regressions.isEmpty() ? "<p class=\"PASS badge\">No regressions</p>\n"
                : "<p class=\"regression badge\">" + regressions.size() + " regression" + (regressions.size() == 1 ? "" : "s")
                + ": " + text(String.join(", ", regressions)) + "</p>\n");
        for (SimulationComparison simulation : comparison.simulations()) {
            simulation(html, simulation);
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void simulation(StringBuilder html, SimulationComparison simulation) {
        html.append("<section class=\"simulation\">\n<h2>").append(text(simulation.simulation())).append(' ')
                .append(verdict(simulation.baselineVerdict())).append(" → ").append(simulation.noVerdict() != null
                        ? "<span class=\"badge FAIL\">no verdict</span>" : verdict(simulation.currentVerdict()))
                .append("</h2>\n");
        for (String note : simulation.notes()) {
            html.append("<p class=\"muted\">").append(text(note)).append("</p>\n");
        }
        if (!simulation.baselineTimeline().isEmpty() || !simulation.currentTimeline().isEmpty()) {
            html.append(overlay(simulation));
        }
        for (String regression : simulation.outcomeRegressions()) {
            html.append("<p class=\"regression badge\">").append(text(regression)).append("</p>\n");
        }
        if (!simulation.groups().isEmpty()) {
            html.append("<table class=\"comparison\">\n<tr><th>Request</th><th>Metric</th><th>Baseline</th><th>Current</th>")
                    .append("<th>Δ</th><th>Δ %</th><th></th><th>How judged</th></tr>\n");
            for (RequestComparison request : simulation.groups()) {
                for (MetricDelta metric : request.metrics()) {
                    row(html, request.request(), metric);
                }
            }
            html.append("</table>\n");
        }
        html.append("</section>\n");
    }

    /** P95 per second of both runs on one chart, with the current run's fault windows and recovery points. */
    static String overlay(SimulationComparison simulation) {
        List<Series> series = new ArrayList<>();
        series.add(new Series("baseline P95 (ms)", BASELINE_COLOR, Axis.LEFT, true, p95(simulation.baselineTimeline())));
        series.add(new Series("current P95 (ms)", CURRENT_COLOR, Axis.LEFT, false, p95(simulation.currentTimeline())));
        double lastSecond = simulation.currentTimeline().isEmpty() ? 0
                : simulation.currentTimeline().get(simulation.currentTimeline().size() - 1).second();
        List<FaultWindow> faults = simulation.currentFaults();
        List<Band> bands = faults.stream()
                .map(fault -> new Band(fault.fault(), fault.injectedAtSecond(),
                        fault.restoredAtSecond() == null ? lastSecond : fault.restoredAtSecond()))
                .toList();
        List<Marker> markers = faults.stream().filter(fault -> fault.recoveredAtSecond() != null)
                .map(fault -> new Marker("recovered", fault.recoveredAtSecond())).toList();
        return TimelineSvg.render(simulation.simulation() + ": P95 per second, baseline and current", "P95 (ms)", null,
                series, bands, markers);
    }

    private static List<Point> p95(List<TimelinePoint> timeline) {
        return timeline.stream().map(point -> new Point(point.second(), point.p95Millis())).toList();
    }

    private static void row(StringBuilder html, String request, MetricDelta metric) {
        html.append("<tr").append(metric.regression() ? " class=\"regression\"" : "").append("><td>").append(text(request))
                .append("</td><td>").append(text(metric.metric())).append("</td>")
                .append(num(CompareFigures.value(metric, true))).append(num(CompareFigures.value(metric, false)))
                .append(num(CompareFigures.delta(metric))).append(num(CompareFigures.percent(metric)))
                .append("<td>").append(metric.regression() ? "regression" : "").append("</td><td class=\"muted\">")
                .append(metric.note() == null ? "" : text(metric.note())).append("</td></tr>\n");
    }

    private static String verdict(Object verdict) {
        return verdict == null ? "<span class=\"badge muted\">—</span>"
                : "<span class=\"badge " + verdict + "\">" + verdict + "</span>";
    }

    private static String num(String value) {
        return "<td class=\"num\">" + text(value) + "</td>";
    }
}
