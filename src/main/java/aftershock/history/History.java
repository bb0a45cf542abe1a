package aftershock.history;

import java.util.List;
import java.util.Map;

/**
 * Every suite run under a results folder, per simulation and figure: the series, each run's verdict, and where a
 * figure changed level (E-divisive means). The newest runs are kept in full; older ones are summarised, so the page
 * stays the same size however long the nights go on. Written as {@code history.json} and {@code history.html}.
 *
 * @param resultsFolder the folder the runs were read from
 * @param keptRuns      how many of the newest runs each simulation shows in full
 * @param method        the change-point method and its settings, for the reader
 * @param simulations   one entry per simulation and kind of run (scale, target, topology): only alike runs share a series
 */
public record History(String resultsFolder, int keptRuns, String method, List<SimulationHistory> simulations) {

    /**
     * One simulation's alike runs.
     *
     * @param alike   what these runs share: "scale 0.1, built-in target, 2 replicas, 1 injector, replicas directly"
     * @param runs    the newest runs, oldest first
     * @param older   the runs before them, summarised; null when there are none
     * @param figures one series per figure the runs have, aligned with {@code runs}
     */
    public record SimulationHistory(String simulation, String alike, List<RunPoint> runs, OlderRuns older,
                                    List<FigureSeries> figures) {
    }

    /**
     * One run of a simulation.
     *
     * @param run       the suite folder's name, its timestamp
     * @param result    PASS, WARN, FAIL, INVALID, or why there is no verdict ("crashed", "bad input", "no verdict")
     * @param gitCommit the commit it ran, or null when not recorded
     */
    public record RunPoint(String run, String result, String gitCommit) {
    }

    /**
     * One figure over the kept runs.
     *
     * @param values       one per kept run, null where the run has none
     * @param changePoints where a new level starts, over every run (older ones included)
     */
    public record FigureSeries(Figure figure, List<Double> values, List<ChangePoint> changePoints) {
    }

    /**
     * A run from which a figure sits at a new level.
     *
     * @param run          the first run of the new level
     * @param medianBefore the median of the level before it
     * @param medianAfter  the median of the new level
     * @param older        true when the run is among the summarised older runs
     */
    public record ChangePoint(String run, double medianBefore, double medianAfter, boolean older) {
    }

    /**
     * The runs before the kept ones.
     *
     * @param medians each figure's median over them
     */
    public record OlderRuns(int count, String from, String to, int passed, int warned, int failed,
                            Map<Figure, Double> medians) {
    }
}
