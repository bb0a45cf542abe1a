package aftershock.e2e;

import aftershock.report.SummaryJson;
import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import aftershock.verdict.Verdict;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team's own Maven project, src/it/consumer, depends on the Aftershock jar this build packaged (installed into
 * the local repository as io.aftershock:aftershock:0.1.0-SNAPSHOT), compiles its own simulation and runs it with
 * {@code mvn gatling:test}: Aftershock is usable without forking it.
 */
class ConsumerProjectIT {

    private static final Path CONSUMER = Path.of("src", "it", "consumer");
    private static final Path JAR = Path.of("target", "aftershock-0.1.0-SNAPSHOT.jar");
    private static final String SIMULATION = "-Dgatling.simulationClass=com.example.perf.CheckoutSmoke";
    private static final String OWN_ENDPOINTS_SIMULATION = "-Dgatling.simulationClass=com.example.perf.BasketUnderPodKill";

    @BeforeAll
    static void installTheJarThisBuildPackaged() throws Exception {
        assertThat(JAR).as("the jar is packaged before the end-to-end tests: run them with `mvn verify`").exists();
        // The jar and pom exactly as `mvn install` would put them, without building or testing anything again.
        Maven install = Maven.run(Path.of("."), "install:install-file", "-Dfile=" + JAR, "-DpomFile=pom.xml");

        assertThat(install.exitCode).as(install.output).isZero();
    }

    @Test
    void aSeparateProjectCompilesAndRunsItsOwnSimulationAgainstTheBuiltInTarget(@TempDir Path work) throws Exception {
        Path project = copyOfConsumer(work);

        Maven run = Maven.run(project, "gatling:test", SIMULATION);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(Files.readString(project.resolve("pom.xml")))
                .as("Gatling, Redis and the rest come through Aftershock's own pom")
                .containsOnlyOnce("<dependency>");
        Path folder = runFolder(project, run, "checkoutsmoke-");
        assertThat(folder.resolve("index.html")).exists();
        RunSummary summary = SummaryJson.read(folder.resolve("summary.json"));
        assertThat(summary.simulation()).isEqualTo("CheckoutSmoke");
        assertThat(summary.verdict()).isEqualTo(Verdict.PASS);
        // 10 users per second for 10 s, two requests each: about 200.
        RequestStats all = summary.requests().get(0);
        assertThat(all.name()).isEqualTo(Threshold.ALL_REQUESTS);
        assertThat(all.count()).isBetween(180L, 220L);
        assertThat(all.ko()).isZero();
        assertThat(summary.requests()).extracting(RequestStats::name).contains("list agents", "health");
        assertThat(summary.thresholds()).extracting(t -> t.threshold().name()).containsExactly("P95 < 500 ms");
        assertThat(run.output).contains("aftershock: CheckoutSmoke PASS");
        // The built-in target's processes were recorded in the consumer's own target folder, and forgotten once stopped.
        assertThat(new ObjectMapper().readTree(project.resolve("target/aftershock/processes.json").toFile())).isEmpty();
    }

    @Test
    void aThresholdTheConsumerReadsFromItsSettingsFailsTheRun(@TempDir Path work) throws Exception {
        Path project = copyOfConsumer(work);

        Maven run = Maven.run(project, "gatling:test", SIMULATION, "-Daftershock.checkout-smoke.thresholds.p95=0ms",
                "-Dscale=0.3");

        assertThat(run.exitCode).as(run.output).isNotZero();
        RunSummary summary = SummaryJson.read(runFolder(project, run, "checkoutsmoke-").resolve("summary.json"));
        assertThat(summary.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(summary.thresholds()).filteredOn(t -> t.verdict() == Verdict.FAIL)
                .extracting(t -> t.threshold().name()).containsExactly("P95 < 0 ms");
        assertThat(run.output).contains("aftershock: CheckoutSmoke FAIL");
    }

    @Test
    void aSecondSimulationOfItsOwnSendsOnlyItsOwnEndpointsWhileAReplicaIsKilled(@TempDir Path work) throws Exception {
        // Given the consumer's own endpoints (a PUT fed from its items.csv, a GET) in its aftershock.conf
        Path project = copyOfConsumer(work);

        // When its second simulation mixes only those while one replica of the built-in target is killed (with a
        // generous latency limit: on a shared 2-core box the restart alone took 10 s; what is under test is the mix)
        Maven run = Maven.run(project, "gatling:test", OWN_ENDPOINTS_SIMULATION,
                "-Daftershock.basket-under-pod-kill.thresholds.save-basket-p95=5s");

        // Then it PASSes: the kill recovered in time, and only its own endpoints were sent, each under its name
        assertThat(run.exitCode).as(run.output).isZero();
        RunSummary summary = SummaryJson.read(runFolder(project, run, "basketunderpodkill-").resolve("summary.json"));
        assertThat(summary.verdict()).isEqualTo(Verdict.PASS);
        assertThat(summary.requests()).extracting(RequestStats::name)
                .containsExactlyInAnyOrder(Threshold.ALL_REQUESTS, "save-basket", "list-agents");
        assertThat(summary.faults()).hasSize(1);
        assertThat(summary.thresholds()).extracting(t -> t.threshold().name()).hasSize(2)
                .contains("recovery time of pod-kill < 30 s")
                .contains("P95 of save-basket < 5000 ms");
        assertThat(run.output).contains("aftershock: BasketUnderPodKill PASS");
    }

    private static Path copyOfConsumer(Path work) throws IOException {
        Path project = work.resolve("consumer");
        try (Stream<Path> files = Files.walk(CONSUMER)) {
            for (Path source : files.filter(p -> !CONSUMER.relativize(p).startsWith("target")).toList()) {
                Files.copy(source, project.resolve(CONSUMER.relativize(source).toString()));
            }
        }
        return project;
    }

    private static Path runFolder(Path project, Maven run, String prefix) throws IOException {
        Path results = project.resolve("target/gatling");
        assertThat(results).as("Gatling's results folder; output:\n" + run.output).isDirectory();
        try (Stream<Path> folders = Files.list(results)) {
            return folders.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(prefix))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + "* run folder in " + results
                            + "; output:\n" + run.output));
        }
    }

    /**
     * One {@code mvn -B -q} in {@code directory}. Offline first: our own build has already put every artifact into
     * the local repository. Only when offline resolution finds one missing (a fresh machine that never ran
     * {@code gatling:test}) does it run again online.
     */
    private record Maven(int exitCode, String output) {

        static Maven run(Path directory, String... arguments) throws IOException, InterruptedException {
            Maven offline = start(directory, true, arguments);
            if (offline.exitCode == 0 || !offline.output.contains("in offline mode")) {
                return offline;
            }
            System.out.println("ConsumerProjectIT: offline resolution missed an artifact, running online: "
                    + String.join(" ", arguments));
            return start(directory, false, arguments);
        }

        private static Maven start(Path directory, boolean offline, String... arguments)
                throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-Dstyle.color=never"));
            if (offline) {
                command.add("-o");
            }
            command.addAll(List.of(arguments));
            Path log = Files.createTempFile("consumer-mvn", ".log");
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(4, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 4 minutes in " + directory
                        + "; output so far:\n" + Files.readString(log));
            }
            return new Maven(process.exitValue(), Files.readString(log));
        }
    }
}
