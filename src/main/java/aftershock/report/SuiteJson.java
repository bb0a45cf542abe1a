package aftershock.report;

import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the suite's {@code summary.json}: the overall verdict and each run's summary as it recorded it.
 *
 * @param suite       the suite folder's name, its timestamp
 * @param verdict     FAIL when any simulation failed or crashed
 * @param simulations in the order they ran
 */
public record SuiteJson(String suite, Verdict verdict, List<Entry> simulations) {

    public static final String FILE = "summary.json";

    /**
     * One simulation of the suite.
     *
     * @param gatlingReport Gatling's index.html relative to the suite folder, or null
     * @param problem       why there is no summary, or null
     */
    public record Entry(String simulation, Verdict verdict, String gatlingReport, String problem, RunSummary summary) {
    }

    public static SuiteJson of(SuiteResults suite) {
        List<Entry> entries = suite.runs().stream()
                .map(run -> new Entry(run.simulation(), run.verdict(),
                        run.gatlingReport().map(report -> suite.dir().relativize(report).toString().replace('\\', '/')).orElse(null),
                        run.problem(), run.summary()))
                .toList();
        return new SuiteJson(suite.name(), suite.verdict(), entries);
    }

    public static Path write(SuiteResults suite) throws IOException {
        Path file = suite.dir().resolve(FILE);
        SummaryJson.write(of(suite), file);
        return file;
    }
}
