package aftershock.history;

import aftershock.testing.SummaryFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Opens history.html in headless Chromium from file:// (no network) and checks what the browser built. */
class HistoryBrowserTest {

    private static final Path CHROMIUM = Stream.of("/usr/bin/chromium", "/usr/bin/google-chrome")
            .map(Path::of).filter(Files::isExecutable).findFirst().orElse(Path.of("/usr/bin/chromium"));

    @TempDir
    Path results;

    private Path page;

    @BeforeEach
    void twentyNightsWithAShiftAndAFailure() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium is not installed (apt-get install -y chromium) so the page cannot be opened in a browser");
        Random noise = new Random(7);
        for (int night = 0; night < 20; night++) {
            long p95 = Math.round((night < 12 ? 100 : 120) + noise.nextGaussian() * 5);
            SummaryFixtures.writeRun(results.resolve(HistoryTest.night(night)),
                    SummaryFixtures.loadRun("SustainedLoad", night == 15 ? 900 : p95, 100, 0));
        }
        assertThat(HistoryCommand.run(new String[] {results.toString()}, System.out, System.err)).isZero();
        page = results.resolve(HistoryHtml.FILE);
    }

    @Test
    void browserDrawsEachFiguresSeriesTheChangePointAndEveryRunsVerdict() throws Exception {
        String dom = chromium("--dump-dom", page.toUri().toString());

        Matcher paths = Pattern.compile("<path class=\"series\" data-series=\"([^\"]+)\" d=\"([^\"]*)\"").matcher(dom);
        List<String> drawn = new ArrayList<>();
        while (paths.find()) {
            assertThat(paths.group(2)).as(paths.group(1)).startsWith("M").contains(" L");
            drawn.add(paths.group(1));
        }
        assertThat(drawn).contains("P95 (ms)", "error rate (%)", "RPS (req/s)");
        assertThat(dom).contains("<g class=\"recovery\"><line").contains("change ");
        assertThat(count(dom, "<span class=\"PASS\"")).isEqualTo(19);
        assertThat(count(dom, "<span class=\"FAIL\"")).isEqualTo(1);
        // Self-contained: nothing to load from anywhere
        assertThat(dom).doesNotContain("<script", "<link", "src=\"http", "href=\"http", "url(http");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private String chromium(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(results, "profile")));
        command.addAll(List.of(args));
        Path stderr = results.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished within 90 s").isTrue();
        assertThat(process.exitValue()).as("chromium exit status; stderr: %s", Files.readString(stderr)).isZero();
        return stdout;
    }
}
