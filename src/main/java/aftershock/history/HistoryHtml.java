package aftershock.history;

import aftershock.history.History.ChangePoint;
import aftershock.history.History.FigureSeries;
import aftershock.history.History.OlderRuns;
import aftershock.history.History.RunPoint;
import aftershock.history.History.SimulationHistory;
import aftershock.report.Figures;
import aftershock.report.Html;
import aftershock.report.TimelineSvg;
import aftershock.report.TimelineSvg.Axis;
import aftershock.report.TimelineSvg.Marker;
import aftershock.report.TimelineSvg.Point;
import aftershock.report.TimelineSvg.Series;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static aftershock.report.Html.text;

/**
 * {@code history.html}: one page, no script and no network, like index.html. Per simulation, a strip of each run's
 * verdict, one chart per figure with its change points marked, the change points in a table, and the older runs
 * summarised in one row.
 */
public final class HistoryHtml {

    public static final String FILE = "history.html";
    static final String LINE_COLOR = "#1f6feb";
    private static final String STYLE = """
            .runs{display:flex;gap:2px;margin:6px 0}.runs span{flex:1;min-width:4px;height:18px;border-radius:2px}
            .runs .PASS{background:#2da44e}.runs .WARN{background:#d4a72c}.runs .FAIL,.runs .other{background:#cf222e}
            .runs .INVALID{background:#8c959f}
            """;

    private HistoryHtml() {
    }

    public static String render(History history) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Aftershock history</title>\n")
                .append("<style>\n").append(Html.STYLE).append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>Aftershock history</h1>\n<p class=\"muted\">Runs in <code>").append(text(history.resultsFolder()))
                .append("</code>; the newest ").append(history.keptRuns()).append(" runs of each simulation in full, older ones"
                        + " summarised. Change points: ").append(text(history.method())).append(". Only alike runs (same scale,"
                        + " target and topology) share a series.</p>\n");
        if (history.simulations().isEmpty()) {
            html.append("<p>No runs found.</p>\n");
        }
        for (SimulationHistory simulation : history.simulations()) {
            simulation(html, simulation);
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void simulation(StringBuilder html, SimulationHistory simulation) {
        html.append("<section class=\"simulation\" data-simulation=\"").append(text(simulation.simulation())).append("\">\n<h2>")
                .append(text(simulation.simulation())).append("</h2>\n<p class=\"muted\">").append(text(simulation.alike()))
                .append("; ").append(simulation.runs().size()).append(" runs shown</p>\n<div class=\"runs\">");
        for (RunPoint run : simulation.runs()) {
            String result = run.result();
            boolean judged = List.of("PASS", "WARN", "FAIL", "INVALID").contains(result);
            html.append("<span class=\"").append(judged ? result : "other").append("\" title=\"").append(text(run.run()))
                    .append(": ").append(text(result)).append(run.gitCommit() == null ? "" : " at " + text(shortCommit(run.gitCommit())))
                    .append("\"></span>");
        }
        html.append("</div>\n<p class=\"muted\">Verdicts, oldest first: ").append(text(simulation.runs().get(0).run()))
                .append(" … ").append(text(simulation.runs().get(simulation.runs().size() - 1).run())).append("</p>\n");
        List<ChangePoint> changes = new ArrayList<>();
        for (FigureSeries series : simulation.figures()) {
            series.changePoints().forEach(changes::add);
            html.append(chart(simulation, series));
        }
        changeTable(html, simulation);
        older(html, simulation.older());
        html.append("</section>\n");
    }

    private static String chart(SimulationHistory simulation, FigureSeries series) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < series.values().size(); i++) {
            Double value = series.values().get(i);
            if (value != null) {
                points.add(new Point(i, value));
            }
        }
        List<Marker> markers = new ArrayList<>();
        for (ChangePoint change : series.changePoints()) {
            int index = indexOf(simulation.runs(), change.run());
            if (!change.older() && index >= 0) {
                markers.add(new Marker("change " + Figures.number(round(change.medianBefore())) + " → "
                        + Figures.number(round(change.medianAfter())), index));
            }
        }
        return TimelineSvg.render(simulation.simulation() + ": " + series.figure().label() + " per run",
                series.figure().label(), null, "run (oldest left, newest right)",
                List.of(new Series(series.figure().label(), LINE_COLOR, Axis.LEFT, false, points)), List.of(), markers);
    }

    private static void changeTable(StringBuilder html, SimulationHistory simulation) {
        List<String> rows = new ArrayList<>();
        for (FigureSeries series : simulation.figures()) {
            for (ChangePoint change : series.changePoints()) {
                rows.add("<tr class=\"change\"><td>" + text(series.figure().label()) + "</td><td>" + text(change.run())
                        + (change.older() ? " (older runs)" : "") + "</td><td class=\"num\">" + Figures.number(round(change.medianBefore()))
                        + "</td><td class=\"num\">" + Figures.number(round(change.medianAfter())) + "</td></tr>\n");
            }
        }
        if (rows.isEmpty()) {
            html.append("<p class=\"muted\">No change point in any figure.</p>\n");
            return;
        }
        html.append("<table class=\"changes\">\n<tr><th>Figure</th><th>New level from run</th><th>Median before</th>")
                .append("<th>Median after</th></tr>\n");
        rows.forEach(html::append);
        html.append("</table>\n");
    }

    private static void older(StringBuilder html, OlderRuns older) {
        if (older == null) {
            return;
        }
        html.append("<table class=\"older\">\n<tr><th>Older runs</th><th>PASS</th><th>WARN</th><th>FAIL or none</th>");
        older.medians().keySet().forEach(figure -> html.append("<th>median ").append(text(figure.label())).append("</th>"));
        html.append("</tr>\n<tr><td>").append(older.count()).append(" runs, ").append(text(older.from())).append(" … ")
                .append(text(older.to())).append("</td><td class=\"num\">").append(older.passed()).append("</td><td class=\"num\">")
                .append(older.warned()).append("</td><td class=\"num\">").append(older.failed()).append("</td>");
        for (Map.Entry<Figure, Double> median : older.medians().entrySet()) {
            html.append("<td class=\"num\">").append(Figures.number(round(median.getValue()))).append("</td>");
        }
        html.append("</tr>\n</table>\n");
    }

    private static int indexOf(List<RunPoint> runs, String run) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).run().equals(run)) {
                return i;
            }
        }
        return -1;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String shortCommit(String commit) {
        return commit.substring(0, Math.min(12, commit.length()));
    }
}
