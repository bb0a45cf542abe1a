package aftershock.verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Turns what a run recorded into its verdict: a pure function, so the same facts always give the same summary.
 *
 * <pre>
 *   RunSummary summary = Judge.judge(facts, recording, thresholds);
 *   boolean failed = summary.verdict().fails();
 * </pre>
 *
 * Every window starts at second 0 or later: a warm-up before second 0 is summarised, never judged.
 * Phases: BEFORE is load start to the first injection; DURING is the first injection to the last
 * restoration; AFTER is the last recovery to the end of load. A phase that never began (no fault, no
 * recovery) has no figures, and thresholds on it FAIL as "not measured".
 */
public final class Judge {

    private Judge() {
    }

    /**
     * What the run was, beyond the per-request recording.
     *
     * @param measured values measured by the simulation itself, keyed by the threshold they are for (looked up
     *                 by identity, so two thresholds sharing a name never mix); they take precedence over the
     *                 standard measurements
     * @param notes    optional explanations, keyed by threshold like {@code measured}
     * @param warmUpReason why the load warmed up before second 0, or null when it did not
     */
    public record Facts(String simulation, String description, long startedAtEpochMillis, long endedAtEpochMillis,
                        String baseUrl, double scale, List<FaultWindow> faults, IntegrityResult integrity,
                        Map<Threshold, Double> measured, Map<Threshold, String> notes, String warmUpReason) {

        public Facts {
            measured = byIdentity(measured);
            notes = byIdentity(notes);
        }

        /** The facts of a run without a warm-up. */
        public Facts(String simulation, String description, long startedAtEpochMillis, long endedAtEpochMillis,
                     String baseUrl, double scale, List<FaultWindow> faults, IntegrityResult integrity,
                     Map<Threshold, Double> measured, Map<Threshold, String> notes) {
            this(simulation, description, startedAtEpochMillis, endedAtEpochMillis, baseUrl, scale, faults, integrity,
                    measured, notes, null);
        }

        private static <V> Map<Threshold, V> byIdentity(Map<Threshold, V> values) {
            Map<Threshold, V> copy = new IdentityHashMap<>(values);
            return Collections.unmodifiableMap(copy);
        }
    }

    public static RunSummary judge(Facts facts, Recorded recorded, List<Threshold> thresholds) {
        double end = recorded.recordedSeconds();
        List<RequestStats> requests = new ArrayList<>();
        requests.add(recorded.stats(Threshold.ALL_REQUESTS, 0, end));
        for (String name : recorded.requestNames()) {
            requests.add(recorded.stats(name, 0, end));
        }

        List<RunSummary.PhaseStats> phases = new ArrayList<>();
        for (Phase phase : List.of(Phase.BEFORE, Phase.DURING, Phase.AFTER)) {
            window(phase, facts.faults(), end).ifPresent(w ->
                    phases.add(new RunSummary.PhaseStats(phase, w[0], w[1], recorded.stats(Threshold.ALL_REQUESTS, w[0], w[1]))));
        }

        List<ThresholdResult> results = new ArrayList<>();
        Verdict verdict = Verdict.PASS;
        for (Threshold threshold : thresholds) {
            ThresholdResult result = judgeOne(threshold, facts, recorded, end);
            results.add(result);
            verdict = verdict.and(result.verdict());
        }
        return new RunSummary(facts.simulation(), facts.description(), facts.startedAtEpochMillis(),
                facts.endedAtEpochMillis(), facts.baseUrl(), facts.scale(), verdict, requests, phases, results,
                recorded.timeline(), facts.faults(), facts.integrity(), warmUp(facts, recorded));
    }

    /** The seconds before 0: summarised so that the reports show them, and kept out of every judged window. */
    private static RunSummary.WarmUp warmUp(Facts facts, Recorded recorded) {
        double seconds = recorded.warmUpSeconds();
        if (seconds <= 0) {
            return null;
        }
        List<RequestStats> requests = new ArrayList<>();
        requests.add(recorded.warmUpStats(Threshold.ALL_REQUESTS));
        for (String name : recorded.requestNames()) {
            requests.add(recorded.warmUpStats(name));
        }
        return new RunSummary.WarmUp(seconds, facts.warmUpReason(), requests);
    }

    private static ThresholdResult judgeOne(Threshold threshold, Facts facts, Recorded recorded, double end) {
        String note = facts.notes().get(threshold);
        if (facts.measured().containsKey(threshold)) {
            return ThresholdResult.judge(threshold, facts.measured().get(threshold), note);
        }
        return switch (threshold.metric()) {
            case RECOVERY_SECONDS, MAX_DOWNTIME_SECONDS, AVAILABILITY_PERCENT -> fromFaults(threshold, facts.faults(), note);
            case LOST_WRITES, STALE_READS -> fromIntegrity(threshold, facts.integrity(), note);
            case USER_ERROR_SECONDS_PER_KILL -> userErrorsPerKill(threshold, facts, recorded.failedTenths(), end, note);
            case CHECK, P95_ABOVE_BASELINE_MILLIS, OVERLAPPING_LEADERS, AGENT_RECONNECT_P95_SECONDS, AGENTS_NOT_BACK,
                 AGENT_MAPPING_PERCENT, COMMANDS_DELIVERED_PERCENT, STALE_DISCONNECTS -> ThresholdResult.judge(threshold, null, note == null ? "not measured" : note);
            default -> fromRequests(threshold, facts, recorded, end, note);
        };
    }

    private static ThresholdResult fromRequests(Threshold threshold, Facts facts, Recorded recorded, double end, String note) {
        Optional<double[]> window = window(threshold.phase(), facts.faults(), end);
        if (window.isEmpty()) {
            return ThresholdResult.judge(threshold, null, "the " + threshold.phase().name().toLowerCase()
                    + " phase never happened (no fault fired or no recovery observed)");
        }
        RequestStats stats = recorded.stats(threshold.scope(), window.get()[0], window.get()[1]);
        if (stats.count() == 0) {
            String when = threshold.phase() == Phase.ALL ? "" : " " + threshold.phase().name().toLowerCase() + " the fault";
            return ThresholdResult.judge(threshold, null, "no requests recorded for " + threshold.scope() + when
                    + ": the load ended too early, run longer (a larger -Dscale)");
        }
        if (threshold.metric().isLatency() && stats.ok() == 0) {
            return ThresholdResult.judge(threshold, null, "no OK response for " + threshold.scope() + " ("
                    + stats.ko() + " of " + stats.count() + " failed): latency is of OK responses, so it was not measured");
        }
        double value = switch (threshold.metric()) {
            case P50_MILLIS -> stats.p50Millis();
            case P95_MILLIS -> stats.p95Millis();
            case P99_MILLIS -> stats.p99Millis();
            case MAX_MILLIS -> stats.maxMillis();
            case MEAN_MILLIS -> stats.meanMillis();
            case ERROR_RATE_PERCENT -> round(stats.errorRatePercent());
            case SUCCESS_RATE_PERCENT -> round(stats.successRatePercent());
            case REQUEST_COUNT -> stats.count();
            case RPS -> stats.rps();
            default -> throw new IllegalStateException("not a request metric: " + threshold.metric());
        };
        return ThresholdResult.judge(threshold, value, note);
    }

    private static ThresholdResult fromFaults(Threshold threshold, List<FaultWindow> faults, String note) {
        List<FaultWindow> matching = faults.stream()
                .filter(f -> threshold.scope().equals(f.fault()) || Threshold.ALL_REQUESTS.equals(threshold.scope()))
                .toList();
        if (matching.isEmpty()) {
            return ThresholdResult.judge(threshold, null, "no fault named " + threshold.scope() + " fired");
        }
        for (FaultWindow window : matching) {
            if (window.failure() != null) {
                return ThresholdResult.judge(threshold, null, window.fault() + ": " + window.failure());
            }
        }
        Double worst = null;
        for (FaultWindow window : matching) {
            Double value = switch (threshold.metric()) {
                case RECOVERY_SECONDS -> window.recoverySeconds();
                case MAX_DOWNTIME_SECONDS -> window.maxDowntimeSeconds();
                case AVAILABILITY_PERCENT -> window.availabilityPercent();
                default -> throw new IllegalStateException("not a fault metric: " + threshold.metric());
            };
            if (value == null) {
                return ThresholdResult.judge(threshold, null, note != null ? note : "no recovery observed for " + window.fault());
            }
            boolean worse = worst == null || (threshold.metric() == Metric.AVAILABILITY_PERCENT ? value < worst : value > worst);
            worst = worse ? value : worst;
        }
        return ThresholdResult.judge(threshold, worst, joined(note, impactNote(matching)));
    }

    /**
     * Per kill: the tenths of a second with a failed request from its injection to the next kill of the same name (or
     * the end of load), in seconds; the worst kill is judged, and the note lists each with the address measured.
     */
    private static ThresholdResult userErrorsPerKill(Threshold threshold, Facts facts, SortedSet<Long> failedTenths,
                                                     double end, String note) {
        List<FaultWindow> kills = facts.faults().stream()
                .filter(f -> threshold.scope().equals(f.fault()) || Threshold.ALL_REQUESTS.equals(threshold.scope()))
                .sorted(Comparator.comparingDouble(FaultWindow::injectedAtSecond))
                .toList();
        if (kills.isEmpty()) {
            return ThresholdResult.judge(threshold, null, "no fault named " + threshold.scope() + " fired");
        }
        for (FaultWindow kill : kills) {
            if (kill.failure() != null) {
                return ThresholdResult.judge(threshold, null, kill.fault() + ": " + kill.failure());
            }
        }
        double worst = 0;
        List<String> each = new ArrayList<>();
        for (int i = 0; i < kills.size(); i++) {
            double from = kills.get(i).injectedAtSecond();
            double to = i + 1 < kills.size() ? kills.get(i + 1).injectedAtSecond() : end;
            long fromTenth = (long) Math.floor(from * 10);
            long toTenth = (long) Math.ceil(to * 10);
            double seconds = failedTenths.subSet(fromTenth, Math.max(fromTenth, toTenth)).size() / 10.0;
            worst = Math.max(worst, seconds);
            each.add("kill " + (i + 1) + " at " + round(from) + " s: " + seconds + " s");
        }
        String measured = "user-facing, measured at " + facts.baseUrl() + ": " + String.join(", ", each);
        return ThresholdResult.judge(threshold, round(worst), joined(note, measured));
    }

    /** A fault the component showed and users never saw is a resilient system: say so, with its own recovery. */
    private static String impactNote(List<FaultWindow> faults) {
        List<String> resilient = faults.stream().filter(FaultWindow::noUserVisibleImpact)
                .map(f -> f.fault() + ": no user-visible impact (" + f.evidence() + (f.componentRecoverySeconds() == null
                        ? "" : "; component recovered in " + f.componentRecoverySeconds() + " s") + ")")
                .toList();
        List<String> users = faults.stream().filter(f -> !f.noUserVisibleImpact() && f.userMaxDowntimeSeconds() != null)
                .map(f -> f.fault() + " at the service's address: max downtime " + f.userMaxDowntimeSeconds() + " s"
                        + (f.userRecoverySeconds() == null ? ", not recovered" : ", recovery " + f.userRecoverySeconds() + " s"))
                .toList();
        List<String> notes = new ArrayList<>(resilient);
        notes.addAll(users);
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static String joined(String first, String second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return first + "; " + second;
    }

    private static ThresholdResult fromIntegrity(Threshold threshold, IntegrityResult integrity, String note) {
        if (integrity == null) {
            return ThresholdResult.judge(threshold, null, "no lost-data check ran");
        }
        if (integrity.acknowledged() == 0) {
            return ThresholdResult.judge(threshold, null, "no write was acknowledged before the fault, so nothing could be checked");
        }
        double value = threshold.metric() == Metric.LOST_WRITES ? integrity.lost() : integrity.stale();
        return ThresholdResult.judge(threshold, value, note);
    }

    /** [from, to] seconds of a phase, or empty when it never happened. */
    static Optional<double[]> window(Phase phase, List<FaultWindow> faults, double end) {
        if (phase == Phase.ALL) {
            return Optional.of(new double[] {0, end});
        }
        if (faults.isEmpty()) {
            return Optional.empty();
        }
        double firstInjected = faults.stream().mapToDouble(FaultWindow::injectedAtSecond).min().orElseThrow();
        return switch (phase) {
            case BEFORE -> Optional.of(new double[] {0, firstInjected});
            case DURING -> {
                double lastRestored = faults.stream()
                        .mapToDouble(f -> f.restoredAtSecond() != null ? f.restoredAtSecond() : end).max().orElseThrow();
                yield Optional.of(new double[] {firstInjected, lastRestored});
            }
            case AFTER -> {
                if (faults.stream().anyMatch(f -> f.recoveredAtSecond() == null)) {
                    yield Optional.empty();
                }
                double lastRecovered = faults.stream().mapToDouble(FaultWindow::recoveredAtSecond).max().orElseThrow();
                yield lastRecovered >= end ? Optional.empty() : Optional.of(new double[] {lastRecovered, end});
            }
            default -> Optional.empty();
        };
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
