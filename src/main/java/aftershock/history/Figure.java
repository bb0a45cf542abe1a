package aftershock.history;

import aftershock.report.Figures;
import aftershock.verdict.FaultWindow;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** A figure followed night after night, read from one simulation's summary; empty when the run has none. */
public enum Figure {
    P50_MILLIS("P50 (ms)", summary -> Figures.allRequests(summary).filter(all -> all.ok() > 0).map(all -> (double) all.p50Millis())),
    P95_MILLIS("P95 (ms)", summary -> Figures.allRequests(summary).filter(all -> all.ok() > 0).map(all -> (double) all.p95Millis())),
    P99_MILLIS("P99 (ms)", summary -> Figures.allRequests(summary).filter(all -> all.ok() > 0).map(all -> (double) all.p99Millis())),
    ERROR_RATE_PERCENT("error rate (%)", summary -> Figures.allRequests(summary).map(RequestStats::errorRatePercent)),
    RPS("RPS (req/s)", summary -> Figures.allRequests(summary).map(RequestStats::rps)),
    RECOVERY_SECONDS("worst recovery (s)", Figures::worstRecoverySeconds),
    MAX_DOWNTIME_SECONDS("worst downtime (s)", summary -> worst(summary.faults(), FaultWindow::maxDowntimeSeconds)),
    LOST_WRITES("lost + stale writes", summary -> Optional.ofNullable(summary.integrity())
            .map(integrity -> (double) integrity.lost() + integrity.stale()));

    private final String label;
    private final Function<RunSummary, Optional<Double>> read;

    Figure(String label, Function<RunSummary, Optional<Double>> read) {
        this.label = label;
        this.read = read;
    }

    public String label() {
        return label;
    }

    /** This figure of the run, or empty when it has none (no faults, no lost-data check, no OK response). */
    public Optional<Double> of(RunSummary summary) {
        return summary == null ? Optional.empty() : read.apply(summary);
    }

    private static Optional<Double> worst(List<FaultWindow> faults, Function<FaultWindow, Double> value) {
        return faults == null ? Optional.empty()
                : faults.stream().map(value).filter(Objects::nonNull).max(Double::compare);
    }
}
