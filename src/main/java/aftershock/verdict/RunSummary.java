package aftershock.verdict;

import java.util.List;

/**
 * Everything a run's verdict needs, as written to {@code summary.json}. Writers only serialise it.
 *
 * @param requests   per request name, plus one entry named {@link Threshold#ALL_REQUESTS}
 * @param phases     per phase (BEFORE/DURING/AFTER) figures over all requests, when the run had faults
 * @param timeline   one point per second of load
 * @param faults     one window per fault fired
 * @param integrity  the lost-data check, or null when the run had none
 * @param warmUp     the warm-up before second 0, recorded and never judged; null when the run had none
 * @param generator  whether the load generator kept up; null when it was not watched (a summary from before it was)
 * @param metadata   where the run came from (commit, machine, scale, target, topology); null in summaries written
 *                   before it was kept
 */
public record RunSummary(String simulation, String description, long startedAtEpochMillis, long endedAtEpochMillis,
                         String baseUrl, double scale, Verdict verdict, List<RequestStats> requests,
                         List<PhaseStats> phases, List<ThresholdResult> thresholds, List<TimelinePoint> timeline,
                         List<FaultWindow> faults, IntegrityResult integrity, WarmUp warmUp,
                         GeneratorHealth generator, RunMetadata metadata) {

    /** A summary without its run's metadata. */
    public RunSummary(String simulation, String description, long startedAtEpochMillis, long endedAtEpochMillis,
                      String baseUrl, double scale, Verdict verdict, List<RequestStats> requests,
                      List<PhaseStats> phases, List<ThresholdResult> thresholds, List<TimelinePoint> timeline,
                      List<FaultWindow> faults, IntegrityResult integrity, WarmUp warmUp, GeneratorHealth generator) {
        this(simulation, description, startedAtEpochMillis, endedAtEpochMillis, baseUrl, scale, verdict, requests,
                phases, thresholds, timeline, faults, integrity, warmUp, generator, null);
    }

    /** A summary of a run whose generator was not watched. */
    public RunSummary(String simulation, String description, long startedAtEpochMillis, long endedAtEpochMillis,
                      String baseUrl, double scale, Verdict verdict, List<RequestStats> requests,
                      List<PhaseStats> phases, List<ThresholdResult> thresholds, List<TimelinePoint> timeline,
                      List<FaultWindow> faults, IntegrityResult integrity, WarmUp warmUp) {
        this(simulation, description, startedAtEpochMillis, endedAtEpochMillis, baseUrl, scale, verdict, requests,
                phases, thresholds, timeline, faults, integrity, warmUp, null);
    }

    /** A summary of a run without a warm-up. */
    public RunSummary(String simulation, String description, long startedAtEpochMillis, long endedAtEpochMillis,
                      String baseUrl, double scale, Verdict verdict, List<RequestStats> requests,
                      List<PhaseStats> phases, List<ThresholdResult> thresholds, List<TimelinePoint> timeline,
                      List<FaultWindow> faults, IntegrityResult integrity) {
        this(simulation, description, startedAtEpochMillis, endedAtEpochMillis, baseUrl, scale, verdict, requests,
                phases, thresholds, timeline, faults, integrity, null);
    }

    /** The same summary, with the generator's health. */
    public RunSummary withGenerator(GeneratorHealth health) {
        return new RunSummary(simulation, description, startedAtEpochMillis, endedAtEpochMillis, baseUrl, scale, verdict,
                requests, phases, thresholds, timeline, faults, integrity, warmUp, health, metadata);
    }

    /** The same summary, with where its run came from. */
    public RunSummary withMetadata(RunMetadata runMetadata) {
        return new RunSummary(simulation, description, startedAtEpochMillis, endedAtEpochMillis, baseUrl, scale, verdict,
                requests, phases, thresholds, timeline, faults, integrity, warmUp, generator, runMetadata);
    }

    /** False only when the generator was watched and did not keep up: the run is then INVALID, never judged. */
    public boolean generatorKeptUp() {
        return generator == null || generator.keptUp();
    }

    /**
     * The warm-up that ran before second 0: shown, never judged.
     *
     * @param reason   why the run warmed up, for example "closed model of 200 users, more than 100"
     * @param requests per request name, plus one entry named {@link Threshold#ALL_REQUESTS}
     */
    public record WarmUp(double seconds, String reason, List<RequestStats> requests) {
    }

    /** Figures over all requests of one phase of the run. */
    public record PhaseStats(Phase phase, double fromSecond, double toSecond, RequestStats stats) {
    }
}
