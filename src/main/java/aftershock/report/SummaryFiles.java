package aftershock.report;

import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import aftershock.verdict.ThresholdResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a run's {@code summary.json} and {@code requests.hlog} next to Gatling's HTML report: into the newest
 * run folder Gatling made for the simulation under {@code -Daftershock.results} (default target/gatling).
 */
public final class SummaryFiles {

    private static final Logger logger = LoggerFactory.getLogger(SummaryFiles.class);

    private SummaryFiles() {
    }

    /** Writes both files and returns the folder, or null when they could only go to target/aftershock. */
    public static Path write(RunSummary summary, String simulation, Path intervalLog) {
        Path folder = gatlingRunFolder(simulation).orElse(Path.of("target", "aftershock", simulation.toLowerCase(Locale.ROOT)));
        try {
            Files.createDirectories(folder);
            SummaryJson.write(summary, folder.resolve("summary.json"));
            if (intervalLog != null && Files.exists(intervalLog)) {
                Files.copy(intervalLog, folder.resolve("requests.hlog"), StandardCopyOption.REPLACE_EXISTING);
            }
            return folder;
        } catch (IOException e) {
            logger.error("could not write summary.json into {}: {}", folder, e.toString());
            throw new UncheckedIOException(e);
        }
    }

    /** The measured value with its unit, for consoles and tables: "12 ms", "0.4 %", "not measured". */
    public static String measuredText(ThresholdResult result) {
        if (result.measured() == null || result.measured().isNaN()) {
            return result.note() == null ? "not measured" : "not measured: " + result.note();
        }
        double value = result.measured();
        String number = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
        String unit = result.threshold().metric().unit();
        return number + (unit.isEmpty() ? "" : " " + unit) + (result.note() == null ? "" : " (" + result.note() + ")");
    }

    /** One line on the warm-up: "warm-up 5.0 s, not judged (why): 812 requests, P95 740 ms; login P95 900 ms". */
    public static String warmUpText(RunSummary.WarmUp warmUp) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "warm-up %.1f s, not judged", warmUp.seconds()));
        if (warmUp.reason() != null) {
            text.append(" (").append(warmUp.reason()).append(')');
        }
        String separator = ": ";
        for (RequestStats stats : warmUp.requests()) {
            boolean all = Threshold.ALL_REQUESTS.equals(stats.name());
            if (!all && stats.count() == 0) {
                continue;
            }
            text.append(separator).append(all ? stats.count() + " requests," : stats.name())
                    .append(stats.ok() == 0 ? " no OK response" : " P95 " + stats.p95Millis() + " ms");
            separator = "; ";
        }
        return text.toString();
    }

    static Optional<Path> gatlingRunFolder(String simulation) {
        Path results = Path.of(System.getProperty("aftershock.results", "target/gatling"));
        String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
        if (!Files.isDirectory(results)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(results)) {
            return folders.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
