package aftershock.report;

import aftershock.testing.PlantedSimulations;
import aftershock.testing.SummaryFixtures;
import aftershock.verdict.Outcome;
import aftershock.verdict.Verdict;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.Simulation;
import io.github.classgraph.ClassGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the real run-tests.sh in a scratch project whose compiled classes hold three stand-in simulations
 * (SpikeLoad and JwtStress marked load, RedisOutage marked resilience), found by the script as in a real project,
 * and whose {@code mvn} is a stand-in: it answers the classpath request and, for {@code gatling:test}, drops what a
 * prepared run left (a run folder, an outcome.json, or nothing, for a crash) where told.
 */
class RunTestsScriptTest {

    private static final String FAKE_MVN = """
            #!/usr/bin/env bash
            echo "$*" >> "$FAKE_MVN_LOG"
            for arg in "$@"; do
              case "$arg" in
                -Dsimulation=*) simulation="${arg#*=}" ;;
                -Daftershock.results=*) results="${arg#*=}" ;;
                -Dmdep.outputFile=*) classpath_file="${arg#*=}" ;;
              esac
            done
            if [[ " $* " == *" dependency:build-classpath "* ]]; then
              mkdir -p "$(dirname "$classpath_file")"; printf '%s' "$FAKE_CLASSPATH" > "$classpath_file"; exit 0
            fi
            echo "Simulation aftershock.simulations.$simulation started..."
            [[ -f "$FAKE_RUNS/$simulation.hang" ]] && exec sleep 60
            [[ -d "$FAKE_RUNS/$simulation" ]] && cp -r "$FAKE_RUNS/$simulation"/. "$results/"
            exit "$(cat "$FAKE_RUNS/$simulation.exit" 2>/dev/null || echo 0)"
            """;

    private static final String LOAD_MARK = "@aftershock.catalog.Kind(aftershock.catalog.SimulationKind.LOAD)";
    private static final String RESILIENCE_MARK = "@aftershock.catalog.Kind(aftershock.catalog.SimulationKind.RESILIENCE)";

    @TempDir
    static Path standIns;

    private static Path standInClasses;

    @TempDir
    Path project;

    private Path fakeRuns;
    private Path mvnLog;

    @BeforeAll
    static void compileTheStandInSimulations() throws IOException {
        standInClasses = PlantedSimulations.in(standIns)
                .simulation("aftershock.simulations.SpikeLoad", LOAD_MARK)
                .simulation("aftershock.simulations.JwtStress", LOAD_MARK)
                .simulation("aftershock.simulations.RedisOutage", RESILIENCE_MARK)
                .compile();
    }

    @BeforeEach
    void scratchProjectWithThreeSimulations() throws IOException {
        Files.copy(Path.of("run-tests.sh"), project.resolve("run-tests.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        copyFolder(standInClasses, project.resolve("target/test-classes"));
        Path bin = Files.createDirectories(project.resolve("fake-bin"));
        Files.writeString(bin.resolve("mvn"), FAKE_MVN);
        assertThat(bin.resolve("mvn").toFile().setExecutable(true)).isTrue();
        fakeRuns = Files.createDirectories(project.resolve("fake-runs"));
        mvnLog = project.resolve("mvn.log");
        SummaryFixtures.writeRun(fakeRuns, SummaryFixtures.loadRun("SpikeLoad", 300, 100, 0));
        SummaryFixtures.writeRun(fakeRuns, SummaryFixtures.resilienceRun("RedisOutage", false));
        Files.writeString(fakeRuns.resolve("JwtStress.exit"), "1");  // crashes: no run folder at all
    }

    @Test
    void runsLoadThenResilienceAndWritesTheSuiteReports() throws Exception {
        Result result = run("", "--yes", "--scale", "0.5");

        assertThat(result.status()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).containsSubsequence("==> JwtStress started", "<== JwtStress FAIL",
                "==> SpikeLoad started", "<== SpikeLoad PASS", "==> RedisOutage started", "<== RedisOutage WARN",
                "Suite FAILED: JwtStress");
        Path suite = onlySuiteFolder();
        assertThat(suite.getFileName().toString()).matches("\\d{8}_\\d{6}");
        assertThat(suite.resolve("JwtStress/console.log")).content().contains("Simulation aftershock.simulations.JwtStress started");
        for (String file : List.of("summary.md", "summary.json", "junit.xml", "index.html")) {
            assertThat(suite.resolve(file)).isRegularFile();
        }
        SuiteJson json = SummaryJson.MAPPER.readValue(suite.resolve("summary.json").toFile(), SuiteJson.class);
        assertThat(json.simulations()).extracting(SuiteJson.Entry::simulation).containsExactly("JwtStress", "SpikeLoad", "RedisOutage");
        assertThat(json.verdict()).isEqualTo(Verdict.FAIL);
        List<String> gatlingCalls = Files.readAllLines(mvnLog).stream().filter(line -> line.contains("gatling:test")).toList();
        assertThat(gatlingCalls).hasSize(3).allSatisfy(line -> assertThat(line)
                .contains("-Dscale=0.5").contains("-Daftershock.results=" + project.toRealPath().resolve("results")));
    }

    @Test
    void declinedPromptSkipsResilienceAndPassesWhenLoadPasses() throws Exception {
        Files.writeString(fakeRuns.resolve("JwtStress.exit"), "0");
        SummaryFixtures.writeRun(fakeRuns, SummaryFixtures.loadRun("JwtStress", 200, 100, 0));

        Result result = run("n\n");

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("Run resilience simulations? They kill Redis and target processes [y/N]")
                .contains("Skipping resilience simulations: RedisOutage").doesNotContain("==> RedisOutage");
        assertThat(Files.readString(mvnLog)).doesNotContain("-Dsimulation=RedisOutage").doesNotContain("-Dscale");
    }

    @Test
    void onlyRunsTheNamedSimulationsAndStillAsksBeforeResilience() throws Exception {
        Result result = run("y\n", "--only", "RedisOutage");

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("[y/N]").contains("<== RedisOutage WARN").doesNotContain("==> SpikeLoad");
    }

    @Test
    void aSimulationThatRefusedBadInputMakesTheSuiteExitTwoEvenBesideAFailure() throws Exception {
        // Given RedisOutage refused its configuration before any load, and JwtStress crashed (a FAIL)
        refusedBadInput("RedisOutage", "aftershock.redis-outage.rate must be a positive number, found -5");

        // When the whole suite runs
        Result result = run("", "--yes");

        // Then bad input wins over the failure, and both are named
        assertThat(result.status()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).containsSubsequence("<== JwtStress FAIL", "<== SpikeLoad PASS", "<== RedisOutage BAD_INPUT",
                "Suite FAILED: JwtStress", "Suite refused bad input: RedisOutage");
        assertThat(onlySuiteFolder().resolve("summary.md")).content().contains("| RedisOutage |").contains("(bad input)");
    }

    @Test
    void aSimulationWithoutAVerdictExitsThreeWhenNothingIsWorse() throws Exception {
        // Given JwtStress ran with recording off
        noVerdict("JwtStress");

        // When only it runs
        Result result = run("", "--only", "JwtStress");

        // Then the suite has no verdict: exit 3, not a pass
        assertThat(result.status()).as(result.output()).isEqualTo(3);
        assertThat(result.output()).contains("<== JwtStress NO_VERDICT").contains("Suite has no verdict for: JwtStress")
                .doesNotContain("Suite passed");
    }

    @Test
    void aFailureWinsOverASimulationWithoutAVerdict() throws Exception {
        // Given SpikeLoad had no verdict and JwtStress crashed
        noVerdict("SpikeLoad");

        // When both run
        Result result = run("", "--only", "SpikeLoad,JwtStress");

        // Then FAIL sets the exit status
        assertThat(result.status()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("<== SpikeLoad NO_VERDICT").contains("Suite FAILED: JwtStress");
    }

    @Test
    void aPassingVerdictWhoseMavenFailedIsAFail() throws Exception {
        // Given SpikeLoad's summary says PASS, and its mvn exited 1
        Files.writeString(fakeRuns.resolve("SpikeLoad.exit"), "1");

        Result result = run("", "--only", "SpikeLoad");

        // Then the suite counts a FAIL, and its reports say why
        assertThat(result.status()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("mvn exited 1 although SpikeLoad's verdict is PASS: counted as FAIL")
                .contains("<== SpikeLoad FAIL").contains("Suite FAILED: SpikeLoad");
        assertThat(onlySuiteFolder().resolve("summary.md")).content().contains("| SpikeLoad |").contains("FAIL");
    }

    @Test
    void aScaleOutsideZeroToOneAndAnEmptyOnlyAreRefusedInOneLine() throws Exception {
        for (String scale : List.of("0", "1.5", "-1", "abc", "10")) {
            Result result = run("", "--scale", scale);

            assertThat(result.status()).as(result.output()).isEqualTo(2);
            assertThat(result.output()).isEqualToIgnoringNewLines("run-tests.sh: --scale '" + scale
                    + "' is out of range: give a number in (0, 1], for example --scale 0.1 (1 = full length)");
        }
        Result emptyOnly = run("", "--only=");
        assertThat(emptyOnly.status()).isEqualTo(2);
        assertThat(emptyOnly.output()).isEqualToIgnoringNewLines(
                "run-tests.sh: --only= is empty: name a simulation (for example --only=PodKill) or leave --only out");
        assertThat(run("", "--scale", "1", "--only", "SpikeLoad").status()).isZero();
        assertThat(Files.readString(mvnLog).lines().filter(line -> line.contains("gatling:test"))).hasSize(1);
    }

    @Test
    void sigtermMidRunWritesTheReportsOfWhatFinishedWithinFiveSeconds() throws Exception {
        // Given RedisOutage hangs, after JwtStress and SpikeLoad have finished
        Files.writeString(fakeRuns.resolve("RedisOutage.hang"), "");
        Process suite = start("--yes");
        suite.getOutputStream().close();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.readString(mvnLog).contains("-Dsimulation=RedisOutage"));

        // When the CI job is cancelled
        long sentNanos = System.nanoTime();
        new ProcessBuilder("kill", "-TERM", Long.toString(suite.pid())).start().waitFor();
        String output = new String(suite.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(suite.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long tookMillis = (System.nanoTime() - sentNanos) / 1_000_000;

        // Then the reports of the two finished simulations are written, within 5 s, and the hung one is stopped
        assertThat(tookMillis).as(output).isLessThan(5000);
        assertThat(suite.exitValue()).isEqualTo(143);
        assertThat(output).contains("run-tests.sh: SIGTERM: stopping; writing the reports of what finished (JwtStress SpikeLoad)");
        Path folder = onlySuiteFolder();
        assertThat(folder.resolve("summary.md")).content().contains("| JwtStress |", "| SpikeLoad |").doesNotContain("| RedisOutage |");
        assertThat(folder.resolve("index.html")).isRegularFile();
    }

    @Test
    void unknownFlagIsOneClearLineThenUsageAndExitTwo() throws Exception {
        Result result = run("", "--bogus");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.output().lines().findFirst()).hasValue("run-tests.sh: unknown option '--bogus'");
        assertThat(result.output()).contains("usage: ./run-tests.sh");
        assertThat(project.resolve("results")).doesNotExist();
    }

    @Test
    void unknownSimulationInOnlyIsOneLineWithTheChoicesAndExitTwo() throws Exception {
        // PodKill is one of ours, but this project's classes do not hold it: the choices come from the classes
        for (String name : List.of("Nope", "PodKill")) {
            Result result = run("", "--only", name);

            assertThat(result.status()).as(result.output()).isEqualTo(2);
            assertThat(result.output()).isEqualToIgnoringNewLines("run-tests.sh: --only: unknown simulation '" + name
                    + "'. Choose from: JwtStress SpikeLoad RedisOutage");
        }
        assertThat(project.resolve("results")).doesNotExist();
        assertThat(Files.readString(mvnLog)).doesNotContain("gatling:test");
    }

    @Test
    void helpListsTheSimulationsFoundInTheCompiledClasses() throws Exception {
        Result result = run("", "--help");

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("  load:       JwtStress SpikeLoad\n", "  resilience: RedisOutage\n")
                .doesNotContain("SustainedLoad");
    }

    @Test
    void aUsersUnmarkedSimulationInItsOwnPackageIsFoundAndAskedAboutFirst() throws Exception {
        // Given the user's own simulation, in its own package and without @Kind
        PlantedSimulations.in(project.resolve("user")).simulation("com.acme.perf.MyCheckout", "")
                .compileInto(project.resolve("target/test-classes"));

        // When only it is asked for, and the prompt declined
        Result result = run("n\n", "--only", "MyCheckout");

        // Then it is found by its short name, noted as unmarked, and counted as resilience: asked about, not run
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("note: com.acme.perf.MyCheckout has no @Kind: listed as resilience")
                .contains("[y/N]").contains("Skipping resilience simulations: MyCheckout");
        assertThat(Files.readString(mvnLog)).doesNotContain("gatling:test");
    }

    private void refusedBadInput(String simulation, String what) throws IOException {
        Path left = fakeRuns.resolve(simulation);
        deleteRecursively(left);
        OutcomeFile.write(left, simulation, Outcome.badInput(what));
        Files.writeString(fakeRuns.resolve(simulation + ".exit"), "1");
    }

    private void noVerdict(String simulation) throws IOException {
        Path left = fakeRuns.resolve(simulation);
        deleteRecursively(left);
        OutcomeFile.write(left, simulation, Outcome.noVerdict("recording is off"));
        Files.writeString(fakeRuns.resolve(simulation + ".exit"), "1");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private Path onlySuiteFolder() throws IOException {
        try (Stream<Path> suites = Files.list(project.resolve("results"))) {
            List<Path> all = suites.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private Result run(String stdin, String... args) throws Exception {
        Process process = start(args);
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", project.resolve("run-tests.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("CI");
        env.put("PATH", project.resolve("fake-bin") + File.pathSeparator + env.get("PATH"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("FAKE_MVN_LOG", mvnLog.toString());
        env.put("FAKE_RUNS", fakeRuns.toString());
        env.put("FAKE_CLASSPATH", reportClasspath());
        return builder.start();
    }

    /** What the report and catalogue mains need: the library's classes, Jackson, ClassGraph and Gatling's Java API. */
    private static String reportClasspath() {
        return Stream.of(SuiteReport.class, ObjectMapper.class, JsonGenerator.class, JsonAutoDetect.class,
                        ClassGraph.class, Simulation.class)
                .map(type -> type.getProtectionDomain().getCodeSource().getLocation().getPath())
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private record Result(int status, String output) {
    }
}
