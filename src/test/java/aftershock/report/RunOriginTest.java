package aftershock.report;

import aftershock.config.Settings;
import aftershock.system.Target;
import aftershock.testing.SummaryFixtures;
import aftershock.verdict.RunMetadata;
import aftershock.verdict.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class RunOriginTest {

    @TempDir
    Path dir;

    @Test
    void recordsTheCommitMachineScaleAndTargetWithoutItsCredentials() {
        // Given your own system, whose URL carries a user, a password and a token
        Properties props = new Properties();
        props.setProperty("aftershock.target.base-url", "https://loadtest:hunter2@staging.example.com:8443/api/v1?token=abc");
        props.setProperty("scale", "0.25");
        Settings settings = Settings.load(props);

        // When the run's origin is read in GitHub Actions
        RunMetadata metadata;
        try (Target target = Target.start(settings, Target.Needs.STANDALONE)) {
            metadata = RunOrigin.capture(settings, target,
                    Map.of("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567", "GITHUB_REF_NAME", "main",
                            "GITHUB_EVENT_NAME", "schedule"));
        }

        // Then the target keeps no credential, and the rest is the run's own
        assertThat(metadata.target()).isEqualTo("https://staging.example.com:8443/api/v1");
        assertThat(metadata.gitCommit()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(metadata.gitBranch()).isEqualTo("main");
        assertThat(metadata.trigger()).isEqualTo(RunMetadata.SCHEDULED);
        assertThat(metadata.scale()).isEqualTo(0.25);
        assertThat(metadata.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(metadata.jvm()).contains(System.getProperty("java.runtime.version"));
        boolean c1Only = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(flag -> flag.matches("-XX:TieredStopAtLevel=[1-3]"));
        assertThat(metadata.jvm().endsWith(" (C1 only)")).as(metadata.jvm()).isEqualTo(c1Only);
        assertThat(metadata.topology()).isEqualTo(new RunMetadata.Topology(null, 1, RunOrigin.ONE_ADDRESS));
        assertThat(metadata.configurationHash()).isEqualTo(settings.fingerprint());
        assertThat(metadata.toString()).doesNotContain("hunter2", "token=abc");
    }

    @Test
    void namesTheCompilerOnlyWhenItIsNotHotSpotsDefault() {
        assertThat(RunOrigin.compiler(true, 4)).isEmpty();
        assertThat(RunOrigin.compiler(true, 1)).isEqualTo(" (C1 only)");
        assertThat(RunOrigin.compiler(true, 3)).isEqualTo(" (C1 only)");
        assertThat(RunOrigin.compiler(true, 0)).isEqualTo(" (interpreter only)");
        assertThat(RunOrigin.compiler(false, 4)).isEqualTo(" (C2 only)");
    }

    @Test
    void theMetadataIsWrittenIntoSummaryJsonAndReadBack() throws Exception {
        // Given a run's summary with its origin
        RunMetadata metadata = new RunMetadata("abc", "main", "JVM", "Linux", 2, 1.5, 0.1, "built-in target",
                new RunMetadata.Topology(2, 1, RunOrigin.DIRECT), "sha256:00", "schedule");
        RunSummary summary = SummaryFixtures.loadRun("SustainedLoad", 120, 100, 0).withMetadata(metadata);

        // When it is written and read again
        Path file = dir.resolve("summary.json");
        SummaryJson.write(summary, file);

        // Then nothing is lost
        assertThat(Files.readString(file)).contains("\"metadata\"", "\"gitCommit\" : \"abc\"");
        assertThat(SummaryJson.read(file)).isEqualTo(summary);
    }
}
