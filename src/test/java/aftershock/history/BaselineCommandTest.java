package aftershock.history;

import aftershock.report.SummaryJson;
import aftershock.testing.SummaryFixtures;
import aftershock.verdict.RunMetadata;
import aftershock.verdict.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineCommandTest {

    @TempDir
    Path results;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theBaselineIsTheLastAlikeScheduledRunThatPassedAndComparedClean() throws Exception {
        // Given, oldest first: a good night, a night that regressed, a hand run, a quick try, a failure, and tonight
        night("20250101_020000", pass(RunMetadata.SCHEDULED, 1));
        night("20250102_020000", pass(RunMetadata.SCHEDULED, 1));
        SummaryJson.write(new BaselineCommand.Compared("20250101_020000", List.of("SpikeLoad api keys: P50"), List.of()),
                results.resolve("20250102_020000").resolve(BaselineCommand.COMPARED_FILE));
        night("20250103_101500", pass(RunMetadata.BY_HAND, 1));
        night("20250103_120000", pass(RunMetadata.SCHEDULED, 0.1));
        night("20250104_020000", SummaryFixtures.loadRun("SpikeLoad", 900, 100, 0).withMetadata(metadata(RunMetadata.SCHEDULED, 1)));
        night("20250105_020000", pass(RunMetadata.SCHEDULED, 1));

        // Then the first night is the baseline
        assertThat(find()).isEqualTo(results.resolve("20250101_020000").toString());
    }

    @Test
    void anAcceptedRunBecomesTheBaselineAlthoughItRegressed() throws Exception {
        night("20250101_020000", pass(RunMetadata.SCHEDULED, 1));
        night("20250102_020000", pass(RunMetadata.SCHEDULED, 1));
        SummaryJson.write(new BaselineCommand.Compared("20250101_020000", List.of("SpikeLoad api keys: P50"), List.of()),
                results.resolve("20250102_020000").resolve(BaselineCommand.COMPARED_FILE));
        night("20250103_020000", pass(RunMetadata.SCHEDULED, 1));

        int status = BaselineCommand.run(new String[] {"accept", results.resolve("20250102_020000").toString()},
                Map.of("GITHUB_ACTOR", "perf-lead"), new PrintStream(out, true), new PrintStream(err, true));

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("accepted by perf-lead");
        out.reset();
        assertThat(find()).isEqualTo(results.resolve("20250102_020000").toString());
    }

    @Test
    void withNoCandidateNothingIsPrintedAndTheReasonGoesToStandardError() throws Exception {
        night("20250101_101500", pass(RunMetadata.BY_HAND, 1));
        night("20250102_020000", pass(RunMetadata.SCHEDULED, 1));

        assertThat(find()).isEmpty();
        assertThat(err.toString()).startsWith("baseline: no alike scheduled run");
    }

    @Test
    void acceptingAFolderWithoutARunIsOneLine() {
        int status = BaselineCommand.run(new String[] {"accept", results.resolve("nope").toString()}, Map.of(),
                new PrintStream(out, true), new PrintStream(err, true));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("accept: ").hasLineCount(1);
    }

    private String find() {
        int status = BaselineCommand.run(new String[] {"find", results.toString(), results.resolve(latest()).toString()},
                Map.of(), new PrintStream(out, true), new PrintStream(err, true));
        assertThat(status).isZero();
        return out.toString().strip();
    }

    private String latest() {
        try (var children = java.nio.file.Files.list(results)) {
            return children.map(path -> path.getFileName().toString()).max(String::compareTo).orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void night(String name, RunSummary summary) throws Exception {
        SummaryFixtures.writeRun(results.resolve(name), summary);
    }

    private static RunSummary pass(String trigger, double scale) {
        return SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0).withMetadata(metadata(trigger, scale));
    }

    private static RunMetadata metadata(String trigger, double scale) {
        return new RunMetadata("abc", "main", "JVM", "Linux", 2, 1.0, scale, "built-in target",
                new RunMetadata.Topology(2, 1, "replicas directly"), "sha256:00", trigger);
    }
}
