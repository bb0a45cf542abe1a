package aftershock.chaos;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunTest {

    @Test
    void dryRunNeverTouchesTheWrappedFault() {
        // Given
        RecordingFault podKill = new RecordingFault("pod-kill");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DryRun dryRun = new DryRun(podKill, new PrintStream(console, true, StandardCharsets.UTF_8));

        // When
        dryRun.inject();
        boolean activeAfterInject = dryRun.isActive();
        dryRun.restore();
        dryRun.restore();

        // Then
        assertThat(podKill.calls()).isEmpty();
        assertThat(activeAfterInject).isTrue();
        assertThat(dryRun.isActive()).isFalse();
        assertThat(console.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("dry run: would break pod-kill", "dry run: would restore pod-kill");
        assertThat(dryRun.describe()).isEqualTo("dry run, nothing done (would break pod-kill)");
    }
}
