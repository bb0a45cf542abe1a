package aftershock.report;

import aftershock.verdict.RunSummary;
import aftershock.verdict.ThresholdResult;
import aftershock.verdict.Verdict;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code junit.xml} for CI test reporters: one testsuite per simulation, one testcase per threshold.
 * FAIL is a {@code <failure>} with measured value and limit; WARN passes with a {@code <system-out>} note;
 * a simulation that crashed (no summary.json) is one failing testcase carrying the end of its console log.
 */
public final class JunitXml {

    public static final String FILE = "junit.xml";
    private static final int CONSOLE_TAIL_LINES = 40;

    private JunitXml() {
    }

    public static Path write(SuiteResults suite) throws IOException {
        Path file = suite.dir().resolve(FILE);
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(suite, xml);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static void write(SuiteResults suite, XMLStreamWriter xml) throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", "aftershock " + suite.name());
        xml.writeAttribute("tests", Integer.toString(suite.runs().stream().mapToInt(run -> cases(run).size()).sum()));
        xml.writeAttribute("failures", Long.toString(suite.runs().stream().mapToLong(JunitXml::failures).sum()));
        xml.writeAttribute("errors", "0");
        xml.writeCharacters("\n");
        for (SimulationRun run : suite.runs()) {
            writeSuite(run, xml);
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    private static void writeSuite(SimulationRun run, XMLStreamWriter xml) throws XMLStreamException {
        List<Case> cases = cases(run);
        xml.writeCharacters("  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", run.simulation());
        xml.writeAttribute("tests", Integer.toString(cases.size()));
        xml.writeAttribute("failures", Long.toString(failures(run)));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        RunSummary summary = run.summary();
        if (summary != null) {
            xml.writeAttribute("time", seconds(Math.max(0, summary.endedAtEpochMillis() - summary.startedAtEpochMillis())));
            xml.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME
                    .format(Instant.ofEpochMilli(summary.startedAtEpochMillis()).atOffset(ZoneOffset.UTC)));
        }
        xml.writeCharacters("\n");
        for (Case testCase : cases) {
            writeCase(run.simulation(), testCase, xml);
        }
        xml.writeCharacters("  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void writeCase(String simulation, Case testCase, XMLStreamWriter xml) throws XMLStreamException {
        xml.writeCharacters("    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "aftershock." + simulation);
        xml.writeAttribute("name", testCase.name());
        xml.writeAttribute("time", "0");
        if (testCase.verdict() == Verdict.FAIL) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", testCase.message());
            xml.writeAttribute("type", "FAIL");
            xml.writeCharacters(testCase.detail());
            xml.writeEndElement();
        } else if (testCase.verdict() == Verdict.WARN) {
            xml.writeStartElement("system-out");
            xml.writeCharacters("WARN: " + testCase.message());
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static long failures(SimulationRun run) {
        return cases(run).stream().filter(testCase -> testCase.verdict() == Verdict.FAIL).count();
    }

    /** The testcases of one simulation, in report order. */
    static List<Case> cases(SimulationRun run) {
        if (run.crashed()) {
            return List.of(new Case("run completed with a summary", Verdict.FAIL, run.problem(),
                    run.problem() + "\n\nLast lines of " + SimulationRun.CONSOLE_LOG + ":\n" + run.consoleTail(CONSOLE_TAIL_LINES)));
        }
        if (run.invalid()) {
            // The thresholds were not judged: the generator's limits shaped the figures, not the system's.
            String reason = run.summary().generator() == null ? run.outcome().detail() : Figures.generator(run.summary().generator());
            return List.of(new Case("load generator kept up", Verdict.FAIL, "INVALID: " + reason,
                    "the run has no verdict: " + run.outcome().line() + "\nsee " + SimulationRun.SUMMARY_FILE));
        }
        List<ThresholdResult> thresholds = run.summary().thresholds() == null ? List.of() : run.summary().thresholds();
        List<Case> cases = new ArrayList<>(thresholds.stream().map(JunitXml::caseOf).toList());
        boolean anyFailed = cases.stream().anyMatch(testCase -> testCase.verdict() == Verdict.FAIL);
        if (run.verdict() == Verdict.FAIL && !anyFailed) {
            // The run failed for a reason no threshold carries; the report must still show it as failed.
            cases.add(new Case("verdict", Verdict.FAIL, "the run's verdict is FAIL", "see " + SimulationRun.SUMMARY_FILE));
        }
        if (cases.isEmpty()) {
            cases.add(new Case("verdict", run.verdict(), "no thresholds recorded; verdict " + run.verdict(), ""));
        }
        return cases;
    }

    private static Case caseOf(ThresholdResult result) {
        String message = Figures.measuredAgainstLimit(result)
                + (result.note() == null || result.note().isBlank() ? "" : " (" + result.note() + ")");
        String detail = "threshold: " + result.threshold().name()
                + "\nscope: " + result.threshold().scope()
                + "\nphase: " + result.threshold().phase().name().toLowerCase(Locale.ROOT)
                + "\nmeasured: " + Figures.measured(result)
                + "\nlimit: " + Figures.limit(result.threshold());
        return new Case(result.threshold().name(), Figures.orFail(result.verdict()), message, detail);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** One testcase: a threshold, or the whole run when it crashed. */
    record Case(String name, Verdict verdict, String message, String detail) {
    }
}
