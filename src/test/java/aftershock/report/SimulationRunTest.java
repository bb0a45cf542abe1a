package aftershock.report;

import aftershock.testing.SummaryFixtures;
import aftershock.verdict.Outcome;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationRunTest {

    @TempDir
    Path suiteDir;

    @Test
    void readsTheSummaryJacksonWroteBackIntoAnEqualRecord() throws Exception {
        RunSummary written = SummaryFixtures.resilienceRun("RedisOutage", true);
        SummaryFixtures.writeRun(suiteDir, written);

        SimulationRun run = SimulationRun.read(suiteDir.resolve("RedisOutage"));

        assertThat(run.crashed()).isFalse();
        assertThat(run.summary()).isEqualTo(written);
        assertThat(run.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(run.gatlingReport()).isPresent();
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws Exception {
        Path runFolder = SummaryFixtures.writeRun(suiteDir, SummaryFixtures.loadRun("SpikeLoad", 100, 10, 0));
        Path summary = runFolder.resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replaceFirst("\\{", "{\"addedLater\": 42,"));

        assertThat(SimulationRun.read(suiteDir.resolve("SpikeLoad")).crashed()).isFalse();
    }

    @Test
    void aRunWithoutSummaryCrashedAndFails() throws Exception {
        SummaryFixtures.writeCrash(suiteDir, "PodKill", "boom");

        SimulationRun run = SimulationRun.read(suiteDir.resolve("PodKill"));

        assertThat(run.crashed()).isTrue();
        assertThat(run.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(run.problem()).startsWith("no summary.json in ").contains("console.log");
        assertThat(run.outcome().kind()).isEqualTo(Outcome.Kind.FAIL);
        assertThat(run.noSummaryReason()).isEqualTo("crashed");
        assertThat(run.consoleTail(1)).isEqualTo("boom");
    }

    @Test
    void anUnreadableSummaryIsACrashThatSaysWhy() throws Exception {
        Path runFolder = suiteDir.resolve("SpikeLoad/spikeload-20250101020000123");
        Files.createDirectories(runFolder);
        Files.writeString(runFolder.resolve("summary.json"), "{\"simulation\": ");

        SimulationRun run = SimulationRun.read(suiteDir.resolve("SpikeLoad"));

        assertThat(run.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(run.problem()).contains("is unreadable");
    }

    @Test
    void aRunRefusedBeforeAnyLoadReadsAsBadInputNotAsACrash() throws Exception {
        // Given a simulation folder holding only the outcome.json of a refusal
        OutcomeFile.write(suiteDir.resolve("SustainedLoad"), "SustainedLoad",
                Outcome.badInput("aftershock.sustained-load.rate must be a positive number, found -5"));

        // When it is read
        SimulationRun run = SimulationRun.read(suiteDir.resolve("SustainedLoad"));

        // Then it is bad input, with the line that said so
        assertThat(run.outcome().kind()).isEqualTo(Outcome.Kind.BAD_INPUT);
        assertThat(run.problem()).isEqualTo("bad input: aftershock.sustained-load.rate must be a positive number, found -5");
        assertThat(run.noSummaryReason()).isEqualTo("bad input");
        assertThat(run.verdict()).as("the suite's reports still count it against a pass").isEqualTo(Verdict.FAIL);
    }

    @Test
    void aJudgedRunWithoutOutcomeFileTakesItsOutcomeFromItsSummary() throws Exception {
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.resilienceRun("RedisOutage", false));

        SimulationRun run = SimulationRun.read(suiteDir.resolve("RedisOutage"));

        assertThat(run.outcome()).isEqualTo(new Outcome(Outcome.Kind.WARN, "1 of 2 thresholds"));
    }

    @Test
    void aSimulationThatNeverStartedReadsAsCrashed() {
        SuiteResults suite = SuiteResults.read(suiteDir, List.of("SentinelFailover"));

        assertThat(suite.runs()).singleElement().satisfies(run -> {
            assertThat(run.crashed()).isTrue();
            assertThat(run.problem()).contains("never started");
        });
        assertThat(suite.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aResultsFolderOfSuitesReadsTheNewest() throws Exception {
        SummaryFixtures.writeRun(suiteDir.resolve("20250101_020000"), SummaryFixtures.loadRun("SpikeLoad", 100, 10, 0));
        SummaryFixtures.writeRun(suiteDir.resolve("20250102_020000"), SummaryFixtures.loadRun("JwtStress", 100, 10, 0));

        SuiteResults suite = SuiteResults.read(suiteDir);

        assertThat(suite.name()).isEqualTo("20250102_020000");
        assertThat(suite.runs()).extracting(SimulationRun::simulation).containsExactly("JwtStress");
    }
}
