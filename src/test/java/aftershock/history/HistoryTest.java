package aftershock.history;

import aftershock.history.History.ChangePoint;
import aftershock.history.History.FigureSeries;
import aftershock.history.History.SimulationHistory;
import aftershock.testing.SummaryFixtures;
import aftershock.verdict.RunMetadata;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryTest {

    @TempDir
    Path results;

    @Test
    void aP95ShiftAtRun12OfTwentyNightsIsAChangePointAtRun12() throws Exception {
        // Given 20 nights of SustainedLoad, P95 around 100 ms and around 120 ms from night 12 (0-based) on
        Random noise = new Random(7);
        for (int night = 0; night < 20; night++) {
            long p95 = Math.round((night < 12 ? 100 : 120) + noise.nextGaussian() * 5);
            SummaryFixtures.writeRun(results.resolve(night(night)), SummaryFixtures.loadRun("SustainedLoad", p95, 100, 0));
        }

        // When the history is read
        History history = HistoryReader.read(results, 60, EDivisive.defaults());

        // Then P95 has one change point, at night 12 ± 1, and the error rate (steady) has none
        SimulationHistory sustained = history.simulations().get(0);
        assertThat(sustained.runs()).hasSize(20);
        assertThat(series(sustained, Figure.P95_MILLIS).changePoints()).singleElement()
                .extracting(ChangePoint::run).isIn(night(11), night(12), night(13));
        assertThat(series(sustained, Figure.ERROR_RATE_PERCENT).changePoints()).isEmpty();
    }

    @Test
    void eachRunsVerdictIsShownAndAFlipToFailIsVisible() throws Exception {
        // Given three passing nights and a failing one
        for (int night = 0; night < 3; night++) {
            SummaryFixtures.writeRun(results.resolve(night(night)), SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0));
        }
        SummaryFixtures.writeRun(results.resolve(night(3)), SummaryFixtures.loadRun("SpikeLoad", 900, 100, 0));
        SummaryFixtures.writeCrash(results.resolve(night(4)), "SpikeLoad", "Killed");

        History history = HistoryReader.read(results, 60, EDivisive.defaults());

        assertThat(history.simulations()).singleElement().satisfies(spike -> assertThat(spike.runs())
                .extracting(History.RunPoint::result).containsExactly("PASS", "PASS", "PASS", "FAIL", "crashed"));
        String html = HistoryHtml.render(history);
        assertThat(html).contains("<span class=\"FAIL\" title=\"" + night(3) + ": FAIL\"></span>")
                .contains("<span class=\"other\" title=\"" + night(4) + ": crashed\"></span>");
    }

    @Test
    void runsAtAnotherScaleFormTheirOwnSeries() throws Exception {
        RunSummary nightly = SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0);
        SummaryFixtures.writeRun(results.resolve(night(0)), nightly);
        SummaryFixtures.writeRun(results.resolve(night(1)), atScale(nightly, 0.1));

        History history = HistoryReader.read(results, 60, EDivisive.defaults());

        assertThat(history.simulations()).extracting(SimulationHistory::alike)
                .containsExactly("scale 0.1, http://127.0.0.1:8080", "scale 1, http://127.0.0.1:8080");
    }

    @Test
    void runsFromBeforeTheMetadataJoinTheSeriesOfTheirScaleAndTarget() throws Exception {
        // Given a night written before summaries kept their metadata, and one written after
        RunSummary before = atScale(SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0), 1);
        SummaryFixtures.writeRun(results.resolve(night(0)), before);
        SummaryFixtures.writeRun(results.resolve(night(1)), before.withMetadata(new RunMetadata("abc", "main", "JVM",
                "Linux", 2, 1.0, 1, "http://127.0.0.1:8080", new RunMetadata.Topology(null, 1, "one address"),
                "sha256:00", RunMetadata.SCHEDULED)));

        History history = HistoryReader.read(results, 60, EDivisive.defaults());

        assertThat(history.simulations()).singleElement().satisfies(spike -> {
            assertThat(spike.alike()).isEqualTo("scale 1, http://127.0.0.1:8080, ? replicas, 1 injector, one address");
            assertThat(spike.runs()).extracting(History.RunPoint::run).containsExactly(night(0), night(1));
        });
    }

    @Test
    void aLongHistoryKeepsTheNewestRunsAndSummarisesTheRestSoThePageStaysSmall() throws Exception {
        // Given 150 nights
        for (int night = 0; night < 150; night++) {
            SummaryFixtures.writeRun(results.resolve(night(night)), SummaryFixtures.loadRun("SpikeLoad", 300 + night % 5, 100, 0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // When the command writes the page
        int status = HistoryCommand.run(new String[] {results.toString(), "--keep", "60"}, new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream(), true));

        // Then 60 runs are in full, 90 summarised, and the page is under 150 KB
        assertThat(status).isZero();
        History history = HistoryReader.read(results, 60, EDivisive.defaults());
        assertThat(history.simulations().get(0).runs()).hasSize(60);
        assertThat(history.simulations().get(0).older().count()).isEqualTo(90);
        assertThat(history.simulations().get(0).older().passed()).isEqualTo(90);
        assertThat(Files.size(results.resolve(HistoryHtml.FILE))).isLessThan(150_000);
        assertThat(Files.readString(results.resolve(HistoryCommand.JSON_FILE))).contains("\"keptRuns\" : 60");
    }

    @Test
    void aFolderThatIsNotThereIsOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = HistoryCommand.run(new String[] {results.resolve("nope").toString()},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("history: ").contains("is not a folder").hasLineCount(1);
    }

    static String night(int index) {
        return String.format("2025%02d%02d_020000", 1 + index / 28, 1 + index % 28);
    }

    private static FigureSeries series(SimulationHistory simulation, Figure figure) {
        return simulation.figures().stream().filter(series -> series.figure() == figure).findFirst().orElseThrow();
    }

    private static RunSummary atScale(RunSummary run, double scale) {
        return new RunSummary(run.simulation(), run.description(), run.startedAtEpochMillis(), run.endedAtEpochMillis(),
                run.baseUrl(), scale, Verdict.PASS, run.requests(), run.phases(), run.thresholds(), run.timeline(),
                run.faults(), run.integrity());
    }
}
