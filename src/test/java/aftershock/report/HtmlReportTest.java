package aftershock.report;

import aftershock.testing.SummaryFixtures;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
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
    void drawsTheRequestRateOkAndKoAndP95WithTheFaultWindowShadedAndRecoveryMarked() throws Exception {
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.resilienceRun("RedisOutage", false));

        String html = Files.readString(HtmlReport.write(SuiteResults.read(suiteDir)));

        // one line point per timeline second, for each of the three series: the load OK and KO, and P95
        Matcher paths = Pattern.compile("<path class=\"series\" data-series=\"([^\"]+)\" d=\"([^\"]*)\"").matcher(html);
        java.util.List<String> found = new java.util.ArrayList<>();
        while (paths.find()) {
            found.add(paths.group(1));
            assertThat(paths.group(2).split(" [ML]")).as(paths.group(1)).hasSize(60);
        }
        assertThat(found).containsExactly("OK (req/s)", "KO (req/s)", "P95 (ms)");
        // its axes: the load on the left, P95 on the right
        assertThat(html).contains("requests per second").contains("P95 (ms)");
        // fault from 20 s to 30 s on a 0..59 s axis 772 px wide from x=64: 325.7 .. 456.5
        assertThat(html).contains("<g class=\"fault\"><rect x=\"325.7\" y=\"28\" width=\"130.8\"");
        // recovery at 32.5 s
        assertThat(html).contains("<g class=\"recovery\"><line x1=\"489.3\" x2=\"489.3\"").contains("recovered after 12.5 s");
        // seconds axis ticks every 10 s
        assertThat(html).contains(">0</text>").contains("text-anchor=\"middle\">50</text>").doesNotContain("text-anchor=\"middle\">60</text>");
    }

    @Test
    void showsTheWarmUpBelowTheTimelineOfARunThatHadOne() throws Exception {
        RunSummary warm = SummaryFixtures.loadRun("JwtStress", 40, 100, 0);
        RunSummary withWarmUp = new RunSummary(warm.simulation(), warm.description(), warm.startedAtEpochMillis(),
                warm.endedAtEpochMillis(), warm.baseUrl(), warm.scale(), warm.verdict(), warm.requests(), warm.phases(),
                warm.thresholds(), warm.timeline(), warm.faults(), warm.integrity(),
                new RunSummary.WarmUp(5.0, "closed model of 200 users, more than 100", List.of(
                        new RequestStats(Threshold.ALL_REQUESTS, 300, 300, 0, 500, 400, 1200, 1500, 2000, 60),
                        new RequestStats("login", 200, 200, 0, 600, 500, 1300, 1600, 2000, 40))));
        SummaryFixtures.writeRun(suiteDir, withWarmUp);
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.loadRun("SustainedLoad", 40, 100, 0));

        String html = HtmlReport.render(SuiteResults.read(suiteDir, List.of("JwtStress", "SustainedLoad")));

        assertThat(html).containsOnlyOnce("<p class=\"muted warm-up\">Before second 0: warm-up 5.0 s, not judged"
                + " (closed model of 200 users, more than 100): 300 requests, P95 1200 ms; login P95 1300 ms.</p>");
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
