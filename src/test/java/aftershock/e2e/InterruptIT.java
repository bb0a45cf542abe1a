package aftershock.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ctrl-C in the middle of a run leaves nothing behind: not Redis, not a replica. */
class InterruptIT {

    private static final Path REGISTRY = Path.of("target", "aftershock", "processes.json");

    @Test
    void ctrlCMidRunStopsTheBuiltInTarget(@TempDir Path results) throws Exception {
        Path log = results.resolve("console.log");
        // setsid: the run gets its own process group, as a terminal's foreground job has; Ctrl-C signals all of it.
        // env --default-signal=INT: a terminal's foreground job takes Ctrl-C even when this test runs as a background
        // job of a script, whose children inherit SIGINT ignored (and a JVM started so never sees it).
        Process run = new ProcessBuilder("env", "--default-signal=INT", "setsid", "mvn", "-B", "-q", "gatling:test", "-Dsimulation=SustainedLoad",
                "-Dscale=0.2", "-Daftershock.results=" + results.resolve("gatling").toAbsolutePath())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<Long> started = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("SustainedLoad started"));
            started.addAll(recordedPidsOf(run.toHandle()));
            assertThat(started).as("redis-server and 2 replicas recorded while running").hasSizeGreaterThanOrEqualTo(3);
            assertThat(started).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

            new ProcessBuilder("kill", "-INT", "--", "-" + run.pid()).start().waitFor();

            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("mvn ended after Ctrl-C").isTrue();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(started)
                    .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        } finally {
            // Only what this run started, by PID, and only if the assertion above failed.
            for (long pid : started) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            run.destroyForcibly();
        }
    }

    /** Processes recorded by the Gatling JVM that this mvn forked: only this run's. */
    private static List<Long> recordedPidsOf(ProcessHandle mvn) throws Exception {
        List<Long> pids = new ArrayList<>();
        for (JsonNode entry : new ObjectMapper().readTree(REGISTRY.toFile())) {
            boolean ours = ProcessHandle.of(entry.path("ownerPid").asLong()).flatMap(ProcessHandle::parent)
                    .map(parent -> parent.pid() == mvn.pid()).orElse(false);
            if (ours) {
                pids.add(entry.path("pid").asLong());
            }
        }
        return pids;
    }
}
