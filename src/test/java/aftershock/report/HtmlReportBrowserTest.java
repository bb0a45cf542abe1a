package aftershock.report;

import aftershock.testing.SummaryFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens a generated index.html in headless Debian Chromium from file:// (no network) and checks that the
 * charts are really there: in the DOM the browser built, and as coloured pixels on a screenshot.
 */
class HtmlReportBrowserTest {

    /** Debian's Chromium; GitHub's Ubuntu runners ship Google Chrome instead, which takes the same flags. */
    private static final Path CHROMIUM = Stream.of("/usr/bin/chromium", "/usr/bin/google-chrome")
            .map(Path::of).filter(Files::isExecutable).findFirst().orElse(Path.of("/usr/bin/chromium"));

    @TempDir
    Path work;

    private Path index;

    @BeforeEach
    void reportWithAFaultAndATimeline() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium is not installed (apt-get install -y chromium) so the report cannot be opened in a browser");
        Path suite = work.resolve("20250101_020000");
        SummaryFixtures.writeRun(suite, SummaryFixtures.resilienceRun("RedisOutage", false));
        index = HtmlReport.write(SuiteResults.read(suite));
    }

    @Test
    void browserBuildsTheRequestRateAndP95PathsTheFaultBandAndTheRecoveryMarker() throws Exception {
        String dom = chromium("--dump-dom", index.toUri().toString());

        Matcher paths = Pattern.compile("<path class=\"series\" data-series=\"([^\"]+)\" d=\"([^\"]*)\"").matcher(dom);
        List<String> drawn = new ArrayList<>();
        while (paths.find()) {
            assertThat(paths.group(2)).as(paths.group(1)).startsWith("M").contains(" L");
            drawn.add(paths.group(1));
        }
        assertThat(drawn).containsExactly("OK (req/s)", "KO (req/s)", "P95 (ms)");
        assertThat(dom).contains("<g class=\"fault\"><rect").contains("<g class=\"recovery\"><line");
    }

    @Test
    void screenshotShowsTheRequestRateTheP95LineAndTheShadedFaultWindow() throws Exception {
        Path png = work.resolve("report.png");
        chromium("--hide-scrollbars", "--window-size=1100,1100", "--screenshot=" + png, index.toUri().toString());

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("screenshot written").isNotNull();
        assertThat(pixelsNear(image, 0x1f6feb)).as("P95 line pixels").isGreaterThan(300);
        assertThat(pixelsNear(image, 0xcf222e)).as("KO rate line pixels").isGreaterThan(300);
        assertThat(pixelsNear(image, 0x2da44e)).as("OK rate line pixels").isGreaterThan(300);
        // #f0883e at 22% over white
        assertThat(pixelsNear(image, 0xfce4d4)).as("fault window pixels").isGreaterThan(5000);
    }

    private String chromium(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(work, "profile")));
        command.addAll(List.of(args));
        Path stderr = work.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished within 90 s").isTrue();
        assertThat(process.exitValue()).as("chromium exit status; stderr: %s", Files.readString(stderr)).isZero();
        return stdout;
    }

    private static int pixelsNear(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y);
                if (Math.abs(((pixel >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 12
                        && Math.abs(((pixel >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 12
                        && Math.abs((pixel & 0xff) - (rgb & 0xff)) <= 12) {
                    count++;
                }
            }
        }
        return count;
    }
}
