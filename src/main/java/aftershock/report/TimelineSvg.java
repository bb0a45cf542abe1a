package aftershock.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static aftershock.report.Html.text;

/**
 * Draws a per-second timeline as inline SVG, server-side, so the report needs no script and no network.
 * Lines on a left and a right axis, shaded bands (fault windows) and vertical markers (recovery points).
 *
 * <pre>
 *   String svg = TimelineSvg.render("SpikeLoad", "P95 (ms)", "errors (%)",
 *       List.of(new Series("P95", "#1f6feb", Axis.LEFT, false, p95Points)),
 *       List.of(new Band("redis-kill", 30, 45)), List.of(new Marker("recovered", 47.5)));
 * </pre>
 */
public final class TimelineSvg {

    private static final int WIDTH_PX = 900;
    private static final int HEIGHT_PX = 300;
    private static final int LEFT_PX = 64;
    private static final int RIGHT_PX = 64;
    private static final int TOP_PX = 28;
    private static final int BOTTOM_PX = 44;

    /** Which y axis a series is drawn against. */
    public enum Axis { LEFT, RIGHT }

    /** One value at one second of the run. */
    public record Point(double second, double value) {
    }

    /** A line; {@code dashed} tells a baseline from the current run in overlays. */
    public record Series(String label, String color, Axis axis, boolean dashed, List<Point> points) {
    }

    /** A shaded span of time, such as a fault from injection to restoration. */
    public record Band(String label, double fromSecond, double toSecond) {
    }

    /** A vertical line at one moment, such as the point the system recovered. */
    public record Marker(String label, double atSecond) {
    }

    private TimelineSvg() {
    }

    public static String render(String title, String leftLabel, String rightLabel, List<Series> series,
                                List<Band> bands, List<Marker> markers) {
        return render(title, leftLabel, rightLabel, "seconds since start of load", series, bands, markers);
    }

    /** The same chart with another x axis, such as one run per step in a history. */
    public static String render(String title, String leftLabel, String rightLabel, String xLabel, List<Series> series,
                                List<Band> bands, List<Marker> markers) {
        double maxSecond = Math.max(1, Stream.of(
                        series.stream().flatMap(line -> line.points().stream()).map(Point::second),
                        bands.stream().map(Band::toSecond),
                        markers.stream().map(Marker::atSecond))
                .flatMap(values -> values)
                .mapToDouble(Double::doubleValue).max().orElse(1));
        double xMax = maxSecond;
        double leftMax = niceCeiling(maxValue(series, Axis.LEFT));
        double rightMax = niceCeiling(maxValue(series, Axis.RIGHT));
        Frame frame = new Frame(xMax, leftMax, rightMax);
        boolean hasRight = series.stream().anyMatch(line -> line.axis() == Axis.RIGHT);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH_PX).append(' ').append(HEIGHT_PX).append("\" role=\"img\" aria-label=\"")
                .append(text(title)).append("\">\n");
        svg.append("<title>").append(text(title)).append("</title>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH_PX).append("\" height=\"").append(HEIGHT_PX)
                .append("\" fill=\"#ffffff\"/>\n");
        for (Band band : bands) {
            double from = frame.x(band.fromSecond());
            double to = frame.x(Math.max(band.fromSecond(), band.toSecond()));
            svg.append("<g class=\"fault\"><rect x=\"").append(px(from)).append("\" y=\"").append(TOP_PX)
                    .append("\" width=\"").append(px(Math.max(2, to - from))).append("\" height=\"").append(px(frame.plotHeight()))
                    .append("\" fill=\"#f0883e\" fill-opacity=\"0.22\"/><text x=\"").append(px(from + 3)).append("\" y=\"")
                    .append(TOP_PX + 12).append("\" font-size=\"11\" fill=\"#9a4d0b\">").append(text(band.label()))
                    .append("</text></g>\n");
        }
        axes(svg, frame, leftLabel, hasRight ? rightLabel : null, xLabel);
        for (Series line : series) {
            svg.append("<path class=\"series\" data-series=\"").append(text(line.label())).append("\" d=\"")
                    .append(pathData(line, frame)).append("\" fill=\"none\" stroke=\"").append(text(line.color()))
                    .append("\" stroke-width=\"1.8\"").append(line.dashed() ? " stroke-dasharray=\"6 4\"" : "")
                    .append("/>\n");
        }
        for (Marker marker : markers) {
            double x = frame.x(marker.atSecond());
            svg.append("<g class=\"recovery\"><line x1=\"").append(px(x)).append("\" x2=\"").append(px(x))
                    .append("\" y1=\"").append(TOP_PX).append("\" y2=\"").append(px(TOP_PX + frame.plotHeight()))
                    .append("\" stroke=\"#1a7f37\" stroke-width=\"2\" stroke-dasharray=\"3 3\"/><text x=\"").append(px(x + 3))
                    .append("\" y=\"").append(TOP_PX + 26).append("\" font-size=\"11\" fill=\"#1a7f37\">")
                    .append(text(marker.label())).append("</text></g>\n");
        }
        legend(svg, series);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void axes(StringBuilder svg, Frame frame, String leftLabel, String rightLabel, String xLabel) {
        double bottom = TOP_PX + frame.plotHeight();
        double right = WIDTH_PX - RIGHT_PX;
        svg.append("<g class=\"axes\" font-size=\"11\" fill=\"#57606a\">\n");
        for (int tick = 0; tick <= 4; tick++) {
            double y = TOP_PX + frame.plotHeight() * (4 - tick) / 4.0;
            svg.append("<line x1=\"").append(LEFT_PX).append("\" x2=\"").append(px(right)).append("\" y1=\"").append(px(y))
                    .append("\" y2=\"").append(px(y)).append("\" stroke=\"#d0d7de\" stroke-width=\"0.6\"/>");
            svg.append("<text x=\"").append(LEFT_PX - 6).append("\" y=\"").append(px(y + 4)).append("\" text-anchor=\"end\">")
                    .append(Figures.number(frame.leftMax() * tick / 4.0)).append("</text>");
            if (rightLabel != null) {
                svg.append("<text x=\"").append(px(right + 6)).append("\" y=\"").append(px(y + 4)).append("\">")
                        .append(Figures.number(frame.rightMax() * tick / 4.0)).append("</text>");
            }
            svg.append('\n');
        }
        double step = niceCeiling(frame.xMax() / 6);
        for (double second = 0; second <= frame.xMax() + 1e-9; second += step) {
            double x = frame.x(second);
            svg.append("<text x=\"").append(px(x)).append("\" y=\"").append(px(bottom + 16)).append("\" text-anchor=\"middle\">")
                    .append(Figures.number(Math.round(second))).append("</text>");
        }
        svg.append("<text x=\"").append(px(LEFT_PX + (right - LEFT_PX) / 2)).append("\" y=\"").append(HEIGHT_PX - 6)
                .append("\" text-anchor=\"middle\">").append(text(xLabel)).append("</text>\n");
        svg.append("<text x=\"").append(LEFT_PX).append("\" y=\"14\">").append(text(leftLabel)).append("</text>\n");
        if (rightLabel != null) {
            svg.append("<text x=\"").append(px(right)).append("\" y=\"14\" text-anchor=\"end\">").append(text(rightLabel)).append("</text>\n");
        }
        svg.append("<rect x=\"").append(LEFT_PX).append("\" y=\"").append(TOP_PX).append("\" width=\"").append(px(right - LEFT_PX))
                .append("\" height=\"").append(px(frame.plotHeight())).append("\" fill=\"none\" stroke=\"#8c959f\" stroke-width=\"0.8\"/>\n");
        svg.append("</g>\n");
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        double x = LEFT_PX + 170;
        svg.append("<g class=\"legend\" font-size=\"11\">");
        for (Series line : series) {
            svg.append("<line x1=\"").append(px(x)).append("\" x2=\"").append(px(x + 18)).append("\" y1=\"10\" y2=\"10\" stroke=\"")
                    .append(text(line.color())).append("\" stroke-width=\"2\"").append(line.dashed() ? " stroke-dasharray=\"6 4\"" : "")
                    .append("/><text x=\"").append(px(x + 22)).append("\" y=\"14\" fill=\"#24292f\">").append(text(line.label())).append("</text>");
            x += 30 + 7 * line.label().length();
        }
        svg.append("</g>\n");
    }

    private static String pathData(Series line, Frame frame) {
        List<String> steps = new ArrayList<>();
        for (Point point : line.points()) {
            double max = line.axis() == Axis.LEFT ? frame.leftMax() : frame.rightMax();
            steps.add((steps.isEmpty() ? "M" : "L") + px(frame.x(point.second())) + " " + px(frame.y(point.value(), max)));
        }
        return String.join(" ", steps);
    }

    private static double maxValue(List<Series> series, Axis axis) {
        return series.stream().filter(line -> line.axis() == axis)
                .flatMap(line -> line.points().stream())
                .mapToDouble(Point::value).filter(value -> !Double.isNaN(value)).max().orElse(0);
    }

    /** The next of 1, 2, 5 x 10^n at or above {@code value}, so axis ticks read as round numbers. */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 4, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String px(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private record Frame(double xMax, double leftMax, double rightMax) {

        double plotWidth() {
            return WIDTH_PX - LEFT_PX - RIGHT_PX;
        }

        double plotHeight() {
            return HEIGHT_PX - TOP_PX - BOTTOM_PX;
        }

        double x(double second) {
            return LEFT_PX + plotWidth() * Math.min(second, xMax) / xMax;
        }

        double y(double value, double max) {
            double clamped = Double.isNaN(value) ? 0 : Math.max(0, Math.min(value, max));
            return TOP_PX + plotHeight() * (1 - clamped / max);
        }
    }
}
