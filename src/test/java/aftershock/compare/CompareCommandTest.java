package aftershock.compare;

import aftershock.testing.SummaryFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTest {

    @TempDir
    Path results;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesSideBySideTablesWithRegressionsFlaggedAndFailsWhenAsked() throws Exception {
        Path baseline = results.resolve("20250101_020000");
        Path current = results.resolve("20250102_020000");
        SummaryFixtures.writeRun(baseline, SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0));
        SummaryFixtures.writeRun(current, SummaryFixtures.loadRun("SpikeLoad", 400, 100, 0));

        int status = run(baseline.toString(), current.toString(), "--fail-on-regression", "--p95-floor", "5");

        assertThat(status).isEqualTo(1);
        String markdown = Files.readString(current.resolve("compare.md"));
        assertThat(markdown).contains("| all requests | P95 | 300 ms | 400 ms | +100 ms | +33.3% | ❌ regression |")
                .contains("| all requests | RPS | 100 req/s | 100 req/s | 0 req/s | 0% |  |");
        String html = Files.readString(current.resolve("compare.html"));
        assertThat(html).contains("<tr class=\"regression\"><td>all requests</td><td>P95</td>");
        List<String> overlaid = seriesWithPoints(html);
        assertThat(overlaid).containsExactly("baseline P95 (ms)", "current P95 (ms)");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("regression(s): SpikeLoad all requests: P95");
    }

    @Test
    void exitsZeroOnRegressionWithoutTheFlagAndWritesWhereToldWithOut() throws Exception {
        Path baseline = results.resolve("20250101_020000");
        Path current = results.resolve("20250102_020000");
        SummaryFixtures.writeRun(baseline, SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0));
        SummaryFixtures.writeRun(current, SummaryFixtures.loadRun("SpikeLoad", 400, 100, 0));
        Path out = results.resolve("cmp");

        assertThat(run(baseline.toString(), current.toString(), "--tolerance", "50", "--out", out.toString())).isZero();
        assertThat(out.resolve("compare.html")).isRegularFile();
        assertThat(Files.readString(out.resolve("compare.md"))).contains("**No regressions.**");
    }

    @Test
    void aMissingFolderIsOneClearLine() {
        int status = run(results.resolve("nope").toString(), results.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("compare: baseline folder ").contains("does not exist");
    }

    @Test
    void rejectsABadTolerance() {
        assertThat(run("a", "b", "--tolerance", "ten")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("compare: --tolerance 'ten' is not a number");
    }

    private int run(String... args) {
        return CompareCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<String> seriesWithPoints(String html) {
        Matcher matcher = Pattern.compile("data-series=\"([^\"]+)\" d=\"(M[^\"]+)\"").matcher(html);
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
