package aftershock.report;

import aftershock.verdict.RunSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The page of a run spread over several injectors, {@code injectors.html} beside its summary.json: the verdict and
 * merged timeline, the start skew, and one row per injector with its requests and a link to its own Gatling report.
 *
 * <pre>
 *   InjectorsPage.write(folder, summary, 12, List.of(new InjectorsPage.Row("injector 0 of 3", 1020, 3, report0)));
 * </pre>
 */
public final class InjectorsPage {

    /** The page's file name. */
    public static final String FILE = "injectors.html";

    private InjectorsPage() {
    }

    /**
     * One injector's line.
     *
     * @param gatlingReport its Gatling report's index.html, or null when none was found
     */
    public record Row(String injector, long requests, long lateMillis, Path gatlingReport) {
    }

    /** Writes the page into {@code folder} and returns its path. */
    public static Path write(Path folder, RunSummary summary, long startSkewMillis, List<Row> rows) {
        Path file = folder.resolve(FILE);
        try {
            Files.writeString(file, render(folder, summary, startSkewMillis, rows), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": check the folder is writable", e);
        }
    }

    static String render(Path folder, RunSummary summary, long startSkewMillis, List<Row> rows) {
        long total = rows.stream().mapToLong(Row::requests).sum();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.text(summary.simulation())).append(" across ").append(rows.size())
                .append(" injectors</title>\n<style>").append(Html.STYLE).append("</style></head><body>\n")
                .append("<h1>").append(Html.text(summary.simulation())).append(" across ").append(rows.size())
                .append(" injectors <span class=\"badge ").append(summary.verdict().name()).append("\">")
                .append(summary.verdict().name()).append("</span></h1>\n")
                .append("<p>One verdict on the merged interval logs (see <a href=\"summary.json\">summary.json</a>): ")
                .append(total).append(" requests in all. The injectors' loads started within ")
                .append(startSkewMillis).append(" ms of each other (goal: 100 ms or less).</p>\n")
                .append("<h2>Merged timeline</h2>\n").append(HtmlReport.chart(summary))
                .append("<h2>Injectors</h2>\n<table><tr><th>Injector</th><th>Requests</th>")
                .append("<th>Started after the common instant</th><th>Its own Gatling report</th></tr>\n");
        for (Row row : rows) {
            html.append("<tr><td>").append(Html.text(row.injector())).append("</td><td class=\"num\">")
                    .append(row.requests()).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%d ms", row.lateMillis())).append("</td><td>");
            if (row.gatlingReport() == null) {
                html.append("<span class=\"muted\">not found</span>");
            } else {
                String href = folder.toAbsolutePath().relativize(row.gatlingReport().toAbsolutePath()).toString()
                        .replace('\\', '/');
                html.append("<a href=\"").append(Html.text(href)).append("\">").append(Html.text(href)).append("</a>");
            }
            html.append("</td></tr>\n");
        }
        return html.append("</table>\n</body></html>\n").toString();
    }
}
