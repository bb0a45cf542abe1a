package aftershock.e2e;

import aftershock.bench.StaticServer;
import aftershock.report.OutcomeFile;
import aftershock.report.SummaryJson;
import aftershock.verdict.GeneratorError;
import aftershock.verdict.GeneratorHealth;
import aftershock.verdict.Outcome;
import aftershock.verdict.RunSummary;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load generator that runs out of file descriptors on purpose still writes its verdict and its reports, and the
 * verdict is INVALID, never the target's FAIL: the 10,000 RPS run, small. A static server on 127.0.0.1 answers
 * slowly, no bound on connections lets them pile up, and the generator's JVM runs under a low {@code ulimit -n}.
 */
class DescriptorExhaustionIT {

    /**
     * Found by trying: the generator's JVM holds about 250 descriptors before the load (jars, logs) and 64 more in
     * reserve; 3 s answers at 300 users/s want about 700 connections more. At 700 about 800 of 2,400 requests
     * failed for want of a descriptor.
     */
    private static final int DESCRIPTOR_LIMIT = 700;

    @Test
    void aGeneratorOutOfDescriptorsEndsInvalidWithEveryReportWritten(@TempDir Path results) throws Exception {
        // Given a static server whose answers take 3 s (health and login are quick, so preflight passes)
        try (StaticServer server = StaticServer.start(0, 8, "/api/auth/login", Duration.ofSeconds(3))) {
            Path log = results.resolve("console.log");
            Path gatlingResults = results.resolve("gatling");

            // When SustainedLoad runs at 300 users/s for 8 s with no bound on connections, in a JVM limited to
            // DESCRIPTOR_LIMIT descriptors, its descriptor check turned off so the load starts at all
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = String.join(" ", List.of(
                    "ulimit -n " + DESCRIPTOR_LIMIT + ";",
                    "exec", java, "-Xmx1G", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                    "-Dscale=1",
                    "-Daftershock.sustained-load.rate=300",
                    "-Daftershock.sustained-load.duration=8s",
                    "-Daftershock.target.max-connections=0",
                    "-Daftershock.generator.descriptor-check=false",
                    "-Daftershock.results=" + gatlingResults.toAbsolutePath(),
                    "-cp", "\"$TEST_CLASSPATH\"",
                    "io.gatling.app.Gatling", "-s", "aftershock.simulations.SustainedLoad",
                    "-rf", gatlingResults.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("TEST_CLASSPATH", testClasspath());
            builder.environment().put("BASE_URL", "http://127.0.0.1:" + server.port());
            builder.environment().remove("REDIS_ADDRESS");
            Process run = builder.start();
            boolean ended;
            try {
                ended = run.waitFor(100, TimeUnit.SECONDS);
            } finally {
                run.destroyForcibly();
            }
            String output = Files.readString(log);

            // Then the run ended on its own, INVALID because the generator ran out of descriptors
            assertThat(ended).as("the run ended within 100 s; output:\n" + output).isTrue();
            assertThat(output).as("the generator did run out of descriptors").containsIgnoringCase("Too many open files");
            Outcome outcome = OutcomeFile.read(gatlingResults).orElseThrow(() -> new AssertionError("no outcome.json; output:\n" + output));
            assertThat(outcome.kind()).as(output).isEqualTo(Outcome.Kind.INVALID);
            assertThat(outcome.line()).startsWith("INVALID (generator overloaded: ");
            assertThat(output).contains("aftershock: INVALID (generator overloaded: ");

            // and summary.json, the interval log and the HTML report were all written
            Path folder = runFolder(gatlingResults);
            RunSummary summary = SummaryJson.read(folder.resolve("summary.json"));
            assertThat(folder.resolve("index.html")).exists();
            assertThat(new HistogramLogReader(folder.resolve("requests.hlog").toFile()).nextIntervalHistogram()).isNotNull();

            // and the requests that failed for want of a descriptor are the generator's errors, not the target's
            GeneratorHealth generator = summary.generator();
            assertThat(generator.keptUp()).isFalse();
            assertThat(generator.errors()).as(output).containsKey(GeneratorError.DESCRIPTORS_EXHAUSTED);
            assertThat(generator.errors().get(GeneratorError.DESCRIPTORS_EXHAUSTED)).isPositive();
            assertThat(generator.reason()).contains("out of file descriptors");
            assertThat(summary.requests().get(0).ko()).as("KOs charged to the target").isZero();
            // and the monitor kept sampling while no descriptor was free (the JVM cannot list /proc/self/fd then)
            assertThat(generator.guards()).filteredOn(g -> g.name().startsWith("open file descriptors"))
                    .singleElement().satisfies(g -> assertThat(g.tripped()).as(g.measured()).isTrue());
            assertThat(generator.seconds()).as("one line per second of an 8 s load").hasSizeGreaterThanOrEqualTo(9);
            assertThat(summary.requests().get(0).count() + generator.errors().get(GeneratorError.DESCRIPTORS_EXHAUSTED))
                    .isEqualTo(generator.figures().requestsSent());
        }
    }

    /** The classpath this test runs with: the simulations, the library and every dependency. */
    private static String testClasspath() {
        String classpath = System.getProperty("java.class.path");
        assertThat(classpath.split(File.pathSeparator)).as("a full test classpath, not a booter jar")
                .anyMatch(entry -> entry.endsWith("test-classes"));
        return classpath;
    }

    private static Path runFolder(Path results) throws Exception {
        try (Stream<Path> folders = Files.list(results)) {
            return folders.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new AssertionError("no run folder in " + results));
        }
    }
}
