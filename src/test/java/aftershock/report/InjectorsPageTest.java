package aftershock.report;

import aftershock.testing.SummaryFixtures;
import aftershock.verdict.RunSummary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InjectorsPageTest {

    @Test
    void linksEachInjectorsOwnGatlingReportRelativeToThePageAndStatesTheSkew() {
        // Given a merged run of two injectors, injector 1's report under its own folder
        Path folder = Path.of("target/gatling/podkill-1");
        RunSummary summary = SummaryFixtures.loadRun("PodKill", 40, 100, 0);
        List<InjectorsPage.Row> rows = List.of(
                new InjectorsPage.Row("injector 0 of 2", 510, 4, folder.resolve("index.html")),
                new InjectorsPage.Row("injector 1 of 2", 490, 11,
                        Path.of("target/aftershock/injectors/podkill-1/injector-1/gatling/podkill-2/index.html")));

        // When the page is rendered
        String html = InjectorsPage.render(folder, summary, 7, rows);

        // Then
        assertThat(html).contains("1000 requests in all", "within 7 ms of each other")
                .contains("href=\"index.html\"")
                .contains("href=\"../../aftershock/injectors/podkill-1/injector-1/gatling/podkill-2/index.html\"")
                .contains("<td class=\"num\">11 ms</td>");
    }
}
