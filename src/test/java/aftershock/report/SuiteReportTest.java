package aftershock.report;

import aftershock.testing.SummaryFixtures;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SuiteReportTest {

    @TempDir
    Path suiteDir;

    @Test
    void writesAllFourOutputsAndExitsOneWhenAnySimulationFailed() throws Exception {
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.loadRun("SpikeLoad", 900, 100, 0));
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.resilienceRun("RedisOutage", false));

        int status = SuiteReport.run(new String[] {"write", suiteDir.toString(), "SpikeLoad", "RedisOutage"});

        assertThat(status).isEqualTo(1);
        assertThat(suiteDir.resolve("summary.md")).isRegularFile();
        assertThat(suiteDir.resolve("junit.xml")).isRegularFile();
        assertThat(suiteDir.resolve("index.html")).isRegularFile();
        SuiteJson json = SummaryJson.MAPPER.readValue(suiteDir.resolve("summary.json").toFile(), SuiteJson.class);
        assertThat(json.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(json.simulations()).extracting(SuiteJson.Entry::simulation, SuiteJson.Entry::verdict)
                .containsExactly(tuple("SpikeLoad", Verdict.FAIL),
                        tuple("RedisOutage", Verdict.WARN));
        assertThat(json.simulations().get(1).summary().faults()).hasSize(1);
    }

    @Test
    void exitsZeroWhenTheWorstVerdictIsWarn() throws Exception {
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.resilienceRun("RedisOutage", false));

        assertThat(SuiteReport.run(new String[] {"write", suiteDir.toString()})).isZero();
        assertThat(Files.readString(suiteDir.resolve("summary.json"))).contains("\"verdict\" : \"WARN\"");
    }

    @Test
    void refusesAMissingSuiteFolder() {
        assertThat(SuiteReport.run(new String[] {"write", suiteDir.resolve("nope").toString()})).isEqualTo(2);
    }
}
