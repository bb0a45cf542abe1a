package aftershock.report;

import aftershock.testing.SummaryFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JunitXmlTest {

    @TempDir
    Path suiteDir;

    @Test
    void anInvalidRunIsOneFailingCaseNamingTheGeneratorNotItsThresholds() throws Exception {
        // Given a load run whose generator ran out of file descriptors
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.overloaded(SummaryFixtures.loadRun("SustainedLoad", 120, 100, 0)));
        SuiteResults suite = SuiteResults.read(suiteDir, List.of("SustainedLoad"));

        // When
        String xml = java.nio.file.Files.readString(JunitXml.write(suite));

        // Then the suite is not green, and the one testcase says why
        assertThat(suite.verdict()).isEqualTo(aftershock.verdict.Verdict.FAIL);
        assertThat(suite.runs().get(0).result()).isEqualTo("INVALID");
        assertThat(xml).contains("name=\"load generator kept up\"", "INVALID: generator overloaded: generator errors")
                .doesNotContain("P95");
        assertThat(MarkdownSummary.render(suite)).contains("⛔ INVALID", "Load generator: generator overloaded");
    }

    @Test
    void writesOneTestsuitePerSimulationAndOneTestcasePerThreshold() throws Exception {
        // Given a passing load run (2 thresholds), a failing resilience run (3 thresholds, 1 FAIL, 1 WARN) and a crash
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.loadRun("SpikeLoad", 320, 100, 0));
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.resilienceRun("RedisOutage", true));
        SummaryFixtures.writeCrash(suiteDir, "PodKill", "Caused by: <no pods & no luck>");
        SuiteResults suite = SuiteResults.read(suiteDir, List.of("SpikeLoad", "RedisOutage", "PodKill"));

        // When
        Document xml = parse(JunitXml.write(suite));

        // Then the JDK parser reads it and the counts add up
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("6");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        List<Element> suites = elements(root.getElementsByTagName("testsuite"));
        assertThat(suites).extracting(s -> s.getAttribute("name")).containsExactly("SpikeLoad", "RedisOutage", "PodKill");
        assertThat(suites).extracting(s -> s.getAttribute("tests")).containsExactly("2", "3", "1");
        assertThat(suites).extracting(s -> s.getAttribute("failures")).containsExactly("0", "1", "1");
    }

    @Test
    void failureCarriesMeasuredValueAgainstLimitAndWarnPassesWithANote() throws Exception {
        SummaryFixtures.writeRun(suiteDir, SummaryFixtures.resilienceRun("RedisOutage", true));

        Document xml = parse(JunitXml.write(SuiteResults.read(suiteDir)));

        List<Element> cases = elements(xml.getElementsByTagName("testcase"));
        Element lost = cases.stream().filter(c -> c.getAttribute("name").equals("lost writes <= 0")).findFirst().orElseThrow();
        Element failure = (Element) lost.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("lost writes measured 3, limit <= 0 (3 acknowledged writes missing)");
        Element recovery = cases.stream().filter(c -> c.getAttribute("name").startsWith("recovery time")).findFirst().orElseThrow();
        assertThat(recovery.getElementsByTagName("failure").getLength()).isZero();
        assertThat(recovery.getElementsByTagName("system-out").item(0).getTextContent())
                .isEqualTo("WARN: recovery time measured 12.5 s, limit < 10 s (warn < 20 s)");
    }

    @Test
    void crashedSimulationIsOneFailingTestcaseWithTheEndOfItsConsoleLog() throws Exception {
        SummaryFixtures.writeCrash(suiteDir, "PodKill", "Caused by: <no pods & no luck>");

        Document xml = parse(JunitXml.write(SuiteResults.read(suiteDir)));

        List<Element> cases = elements(xml.getElementsByTagName("testcase"));
        assertThat(cases).hasSize(1);
        Element failure = (Element) cases.get(0).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("no summary.json");
        assertThat(failure.getTextContent()).contains("Caused by: <no pods & no luck>");
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
