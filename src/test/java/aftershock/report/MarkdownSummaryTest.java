package aftershock.report;

import aftershock.testing.SummaryFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownSummaryTest {

    @TempDir
    Path suiteDir;

    @Test
    void writesOneTableRowPerSimulationWithResultAndRecoveryTime() throws Exception {
        // Given two finished runs and one that crashed
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.loadRun("SustainedLoad", 320, 100, 6));
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.resilienceRun("RedisOutage", false));
        SummaryFixtures.writeCrash(suiteDir, "PodKill", "java.lang.IllegalStateException: no pods");
        SuiteResults suite = SuiteResults.read(suiteDir, List.of("SustainedLoad", "RedisOutage", "PodKill"));

        // When
        String markdown = Files.readString(MarkdownSummary.write(suite));

        // Then the summary table has a header, a separator and exactly one row per simulation
        List<String> table = markdown.lines()
                .dropWhile(line -> !line.startsWith("| Test |"))
                .takeWhile(line -> line.startsWith("|"))
                .toList();
        assertThat(table).hasSize(2 + 3);
        assertThat(table.get(2)).startsWith("| SustainedLoad |").contains("✅ PASS").contains("| N/A |").contains("P95 320 ms");
        assertThat(table.get(3)).startsWith("| RedisOutage |").contains("⚠️ WARN").contains("| 12.5 s |");
        assertThat(table.get(4)).startsWith("| PodKill |").contains("❌ FAIL (crashed)");
        assertThat(markdown).contains("**Overall**: ❌ FAIL — 3 simulations: 1 passed, 1 warned, 1 failed");
    }

    @Test
    void escapesPipesSoADescriptionCannotSplitACell() throws Exception {
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.loadRun("SustainedLoad", 320, 100, 0));

        String markdown = MarkdownSummary.render(SuiteResults.read(suiteDir));

        String row = markdown.lines().filter(line -> line.startsWith("| SustainedLoad |")).findFirst().orElseThrow();
        assertThat(row).contains("Sustained 100 rps \\| mixed endpoints");
        assertThat(row.split("(?<!\\\\)\\|")).hasSize(6);
    }

    @Test
    void listsEachThresholdWithMeasuredValueAndLimit() throws Exception {
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.resilienceRun("RedisOutage", true));

        String markdown = MarkdownSummary.render(SuiteResults.read(suiteDir));

        assertThat(markdown).contains("### RedisOutage — ❌ FAIL")
                .contains("[Gatling report](RedisOutage/redisoutage-20250101020000123/index.html)")
                .containsPattern("\\| recovery time of redis-kill < 10 s \\| redis-kill \\| all \\| 12\\.5 s \\| < 10 s \\(warn < 20 s\\) \\| ⚠️ WARN \\|")
                .containsPattern("\\| lost writes <= 0 \\| all requests \\| all \\| 3 \\| <= 0 \\| ❌ FAIL \\| 3 acknowledged writes missing \\|");
    }
}
