package aftershock.report;

import aftershock.testing.SummaryFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @TempDir
    Path suiteDir;

    @Test
    void drawsP95AndErrorRateLinesWithTheFaultWindowShadedAndRecoveryMarked() throws Exception {
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.resilienceRun("RedisOutage", false));

        String html = Files.readString(HtmlReport.write(SuiteResults.read(suiteDir)));

        // one line point per timeline second, for each of the two series
        Matcher paths = Pattern.compile("<path class=\"series\" data-series=\"([^\"]+)\" d=\"([^\"]*)\"").matcher(html);
        int found = 0;
        while (paths.find()) {
            found++;
            assertThat(paths.group(2).split(" [ML]")).as(paths.group(1)).hasSize(60);
        }
        assertThat(found).isEqualTo(2);
        // fault from 20 s to 30 s on a 0..59 s axis 772 px wide from x=64: 325.7 .. 456.5
        assertThat(html).contains("<g class=\"fault\"><rect x=\"325.7\" y=\"28\" width=\"130.8\"");
        // recovery at 32.5 s
        assertThat(html).contains("<g class=\"recovery\"><line x1=\"489.3\" x2=\"489.3\"").contains("recovered after 12.5 s");
        // seconds axis ticks every 10 s
        assertThat(html).contains(">0</text>").contains("text-anchor=\"middle\">50</text>").doesNotContain("text-anchor=\"middle\">60</text>");
    }

    @Test
    void escapesRecordedTextAndLinksGatlingReportRelatively() throws Exception {
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.resilienceRun("RedisOutage", false));

        String html = HtmlReport.render(SuiteResults.read(suiteDir));

        assertThat(html).contains("Kill Redis under load; &lt;fallback&gt; &amp; recover").doesNotContain("<fallback>");
        assertThat(html).contains("<a href=\"RedisOutage/redisoutage-20250101020000123/index.html\">Gatling report</a>");
    }

    @Test
    void isSelfContainedWithoutScriptsStylesheetsOrRemoteResources() throws Exception {
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.loadRun("SpikeLoad", 320, 100, 0));
        SummaryFixtures.writeCrash(suiteDir, "PodKill", "boom");

        String html = HtmlReport.render(SuiteResults.read(suiteDir, List.of("SpikeLoad", "PodKill")));

        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=")
                .doesNotContainPattern("(href|url)\\(?=?\"?https?:");
        assertThat(html).contains("<td class=\"FAIL\">FAIL (crashed)</td>").contains("<pre>[INFO] starting\nboom</pre>");
    }
}
