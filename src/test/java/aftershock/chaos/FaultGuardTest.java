package aftershock.chaos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class FaultGuardTest {

    @Test
    void shutdownHookRestoresEveryActiveFault() {
        // Given
        FaultGuard guard = FaultGuard.withoutHook();
        RecordingFault redisKill = guard.guard(new RecordingFault("redis-kill"));
        RecordingFault podKill = guard.guard(new RecordingFault("pod-kill"));
        RecordingFault neverInjected = guard.guard(new RecordingFault("redis-failover"));
        redisKill.inject();
        podKill.inject();

        // When the JVM shuts down mid-fault
        guard.shutdownHook().run();

        // Then
        assertThat(redisKill.calls()).containsExactly("inject", "restore");
        assertThat(podKill.calls()).containsExactly("inject", "restore");
        assertThat(neverInjected.calls()).isEmpty();
    }

    @Test
    void aRestoreFailingOnShutdownIsLoggedAndTheOthersAreStillRestored() {
        // Given
        FaultGuard guard = FaultGuard.withoutHook();
        RecordingFault redisKill = guard.guard(new RecordingFault("redis-kill"));
        RecordingFault podKill = guard.guard(new RecordingFault("pod-kill")
                .failingRestore(new FaultException("pods app=web did not get back to 2 Ready within 60s")));
        redisKill.inject();
        podKill.inject();

        // When / Then
        assertThatCode(() -> guard.shutdownHook().run()).doesNotThrowAnyException();
        assertThat(podKill.calls()).containsExactly("inject", "restore");
        assertThat(redisKill.calls()).containsExactly("inject", "restore");
    }

    @Test
    void installedGuardCanBeClosedTwice() {
        // Given
        FaultGuard guard = FaultGuard.install();

        // When / Then
        assertThatCode(() -> {
            guard.close();
            guard.close();
        }).doesNotThrowAnyException();
    }
}
