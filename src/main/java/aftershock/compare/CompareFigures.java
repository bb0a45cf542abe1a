package aftershock.compare;

import aftershock.report.Figures;

/** Formats a {@link MetricDelta} the same way in Markdown and HTML. */
final class CompareFigures {

    private CompareFigures() {
    }

    static String delta(MetricDelta metric) {
        Double delta = metric.delta();
        return delta == null ? "—" : (delta > 0 ? "+" : "") + withUnit(delta, metric.unit());
    }

    static String percent(MetricDelta metric) {
        Double percent = metric.percentChange();
        if (percent == null) {
            return metric.delta() == null || metric.delta() == 0 ? "—" : "new";
        }
        return (percent > 0 ? "+" : "") + Figures.number(Math.round(percent * 10) / 10.0) + "%";
    }

    static String value(MetricDelta metric, boolean baseline) {
        Double value = baseline ? metric.baseline() : metric.current();
        if (value == null) {
            return "recovery time".equals(metric.metric()) ? "not recovered" : "—";
        }
        return withUnit(value, metric.unit());
    }

    private static String withUnit(double value, String unit) {
        double rounded = Math.round(value * 100) / 100.0;
        if (unit.isEmpty()) {
            return Figures.number(rounded);
        }
        return "%".equals(unit) ? Figures.number(rounded) + "%" : Figures.number(rounded) + " " + unit;
    }
}
