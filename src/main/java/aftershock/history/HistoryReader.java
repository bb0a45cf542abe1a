package aftershock.history;

import aftershock.history.History.ChangePoint;
import aftershock.history.History.FigureSeries;
import aftershock.history.History.OlderRuns;
import aftershock.history.History.RunPoint;
import aftershock.history.History.SimulationHistory;
import aftershock.report.Figures;
import aftershock.report.SimulationRun;
import aftershock.report.SuiteResults;
import aftershock.system.BuiltInTarget;
import aftershock.verdict.RunMetadata;
import aftershock.verdict.RunSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads every suite run ({@code YYYYMMDD_HHMMSS} folders) under a results folder into a {@link History}.
 *
 * <pre>
 *   History history = HistoryReader.read(Path.of("results"), 60, EDivisive.defaults());
 * </pre>
 */
public final class HistoryReader {

    private static final String SUITE_FOLDER = "\\d{8}_\\d{6}.*";

    private HistoryReader() {
    }

    /** The history of every run folder in {@code results}, the newest {@code keep} runs of each simulation in full. */
    public static History read(Path results, int keep, EDivisive method) {
        List<Path> suites = suiteFolders(results);
        Map<String, List<SimulationRun>> bySeries = new LinkedHashMap<>();
        Map<String, String> lastAlike = new LinkedHashMap<>();
        for (Path suite : suites) {
            for (SimulationRun run : SuiteResults.read(suite).runs()) {
                // A run that left no summary says nothing of its kind: it joins its simulation's latest series.
                String alike = run.crashed() ? lastAlike.getOrDefault(run.simulation(), alike(null)) : alike(run.summary());
                lastAlike.put(run.simulation(), alike);
                bySeries.computeIfAbsent(run.simulation() + "\n" + alike, key -> new ArrayList<>()).add(run);
            }
        }
        joinRunsWithoutMetadata(bySeries);
        List<SimulationHistory> simulations = new ArrayList<>();
        bySeries.forEach((key, runs) -> simulations.add(simulation(key.substring(0, key.indexOf('\n')),
                key.substring(key.indexOf('\n') + 1), runs, keep, method)));
        simulations.sort((a, b) -> a.simulation().equals(b.simulation()) ? a.alike().compareTo(b.alike())
                : a.simulation().compareTo(b.simulation()));
        return new History(results.toAbsolutePath().normalize().toString(), keep, describe(method), simulations);
    }

    /**
     * Summaries written before the metadata was kept know their scale and target, not their topology: they join the
     * one series of their simulation with that scale and target, when there is exactly one.
     */
    private static void joinRunsWithoutMetadata(Map<String, List<SimulationRun>> bySeries) {
        for (String legacy : List.copyOf(bySeries.keySet())) {
            boolean withoutMetadata = bySeries.get(legacy).stream()
                    .allMatch(run -> run.crashed() || run.summary().metadata() == null);
            if (!withoutMetadata) {
                continue;
            }
            List<String> matches = bySeries.keySet().stream()
                    .filter(key -> !key.equals(legacy) && key.startsWith(legacy + ", ")).toList();
            if (matches.size() == 1) {
                List<SimulationRun> joined = new ArrayList<>(bySeries.remove(legacy));
                joined.addAll(bySeries.get(matches.get(0)));
                joined.sort(java.util.Comparator.comparing(HistoryReader::suiteName));
                bySeries.put(matches.get(0), joined);
            }
        }
    }

    static String describe(EDivisive method) {
        return "E-divisive means (Matteson and James 2014), permutation test at " + Figures.number(method.significance() * 100)
                + " % with " + method.permutations() + " shuffles, at least " + method.minimumSegment() + " runs per level";
    }

    private static SimulationHistory simulation(String simulation, String alike, List<SimulationRun> runs, int keep,
                                                EDivisive method) {
        int from = Math.max(0, runs.size() - keep);
        List<RunPoint> points = runs.subList(from, runs.size()).stream().map(HistoryReader::point).toList();
        List<FigureSeries> figures = new ArrayList<>();
        for (Figure figure : Figure.values()) {
            List<Double> all = runs.stream().map(run -> figure.of(run.crashed() ? null : run.summary()).orElse(null)).toList();
            if (all.stream().noneMatch(Objects::nonNull)) {
                continue;
            }
            figures.add(new FigureSeries(figure, all.subList(from, all.size()), changePoints(all, runs, from, method)));
        }
        return new SimulationHistory(simulation, alike, points, older(runs.subList(0, from)), figures);
    }

    /** Change points over the runs that have the figure; a run without it neither starts nor ends a level. */
    private static List<ChangePoint> changePoints(List<Double> all, List<SimulationRun> runs, int keptFrom, EDivisive method) {
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) != null) {
                present.add(i);
            }
        }
        double[] values = present.stream().mapToDouble(all::get).toArray();
        List<Integer> found = method.changePoints(values);
        List<ChangePoint> points = new ArrayList<>();
        for (int k = 0; k < found.size(); k++) {
            int at = found.get(k);
            int levelStart = k == 0 ? 0 : found.get(k - 1);
            int levelEnd = k + 1 < found.size() ? found.get(k + 1) : values.length;
            int run = present.get(at);
            points.add(new ChangePoint(suiteName(runs.get(run)),
                    median(Arrays.copyOfRange(values, levelStart, at)), median(Arrays.copyOfRange(values, at, levelEnd)),
                    run < keptFrom));
        }
        return points;
    }

    private static OlderRuns older(List<SimulationRun> runs) {
        if (runs.isEmpty()) {
            return null;
        }
        Map<Figure, Double> medians = new EnumMap<>(Figure.class);
        for (Figure figure : Figure.values()) {
            double[] values = runs.stream().map(run -> figure.of(run.crashed() ? null : run.summary()))
                    .flatMap(Optional::stream).mapToDouble(Double::doubleValue).toArray();
            if (values.length > 0) {
                medians.put(figure, median(values));
            }
        }
        List<String> results = runs.stream().map(HistoryReader::result).toList();
        return new OlderRuns(runs.size(), suiteName(runs.get(0)), suiteName(runs.get(runs.size() - 1)),
                count(results, "PASS"), count(results, "WARN"), runs.size() - count(results, "PASS") - count(results, "WARN"),
                medians);
    }

    private static int count(List<String> results, String result) {
        return (int) results.stream().filter(result::equals).count();
    }

    private static RunPoint point(SimulationRun run) {
        RunMetadata metadata = run.crashed() ? null : run.summary().metadata();
        return new RunPoint(suiteName(run), result(run), metadata == null ? null : metadata.gitCommit());
    }

    private static String result(SimulationRun run) {
        return run.crashed() && !run.invalid() ? run.noSummaryReason() : run.result();
    }

    private static String suiteName(SimulationRun run) {
        return run.folder().toAbsolutePath().normalize().getParent().getFileName().toString();
    }

    /** What alike runs share (scale, target, topology); the built-in target is one system whatever its ports. */
    static String alike(RunSummary summary) {
        if (summary == null) {
            return "(no summary)";
        }
        RunMetadata metadata = summary.metadata();
        String target = summary.baseUrl() != null && summary.baseUrl().startsWith(BuiltInTarget.DESCRIBED_AS)
                ? BuiltInTarget.DESCRIBED_AS : summary.baseUrl();
        if (metadata == null) {
            return "scale " + Figures.number(summary.scale()) + ", " + withoutCredentials(target);
        }
        RunMetadata.Topology topology = metadata.topology();
        return "scale " + Figures.number(metadata.scale()) + ", " + metadata.target()
                + (topology == null ? "" : ", " + (topology.replicas() == null ? "?" : topology.replicas()) + " replicas, "
                + topology.injectors() + " injector" + (topology.injectors() == 1 ? "" : "s") + ", " + topology.frontDoor());
    }

    /** An older summary's BASE_URL as the metadata writes it: no user, password, query or fragment. */
    private static String withoutCredentials(String target) {
        try {
            java.net.URI url = java.net.URI.create(target);
            if (url.getScheme() == null || url.getHost() == null) {
                return target;
            }
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + path;
        } catch (IllegalArgumentException e) {
            return target;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static List<Path> suiteFolders(Path results) {
        if (!Files.isDirectory(results)) {
            throw new IllegalArgumentException("history: " + results + " is not a folder: pass the results folder that"
                    + " run-tests.sh writes its runs into (results/)");
        }
        try (Stream<Path> children = Files.list(results)) {
            return children.filter(Files::isDirectory).filter(dir -> dir.getFileName().toString().matches(SUITE_FOLDER))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + results, e);
        }
    }
}
