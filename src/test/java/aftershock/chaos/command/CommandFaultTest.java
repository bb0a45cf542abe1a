package aftershock.chaos.command;

import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.chaos.FaultGuard;
import aftershock.chaos.RestoreRecipe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A command fault runs exactly the configured commands, through its seam, and takes its evidence from the check. */
class CommandFaultTest {

    private static final FaultCommands COMPOSE = new FaultCommands("redis-kill", "docker compose kill redis",
            Optional.of("docker compose start redis"), "redis-down", Duration.ofSeconds(30), Duration.ofMillis(600));

    private final List<String> ran = new ArrayList<>();

    @Test
    void runsInjectThenTheCheckAndRestoreOnlyOnce() {
        // Given commands that all succeed
        CommandFault fault = new CommandFault(COMPOSE, answering(Map.of()));

        // When
        fault.inject();
        fault.restore();
        fault.restore();

        // Then
        assertThat(ran).containsExactly("docker compose kill redis", "redis-down", "docker compose start redis");
        assertThat(fault.isActive()).isFalse();
        assertThat(fault.evidence().isObserved()).isTrue();
        assertThat(fault.evidence().description()).startsWith("injected: `docker compose kill redis` exited 0 in 0.00 s:"
                        + " (no output); check `redis-down` exited 0 in ")
                .contains("restored: `docker compose start redis` exited 0");
        assertThat(fault.evidence().componentRecovery()).isPresent();
    }

    @Test
    void aCheckThatNeverExitsZeroLeavesTheFaultNotObservedWithItsOutput() {
        // Given a check that keeps failing
        CommandFault fault = new CommandFault(COMPOSE, answering(Map.of("redis-down", 1)));

        // When
        fault.inject();

        // Then
        FaultEvidence evidence = fault.evidence();
        assertThat(evidence.status()).isEqualTo(FaultEvidence.Status.NOT_OBSERVED);
        assertThat(evidence.description()).startsWith("injected: `docker compose kill redis` exited 0 in 0.00 s: (no output);"
                        + " check `redis-down` did not exit 0 within ")
                .endsWith("`redis-down` exited 1 in 0.00 s: output of redis-down");
        assertThat(ran).filteredOn("redis-down"::equals).hasSizeGreaterThan(1);
    }

    @Test
    void aCheckThatExitsZeroOnItsThirdTryIsObserved() {
        // Given a check that fails twice, then succeeds
        AtomicInteger tries = new AtomicInteger();
        CommandRunner runner = (command, timeout) -> {
            ran.add(command);
            int exit = command.equals("redis-down") && tries.incrementAndGet() < 3 ? 1 : 0;
            return new CommandResult(command, exit, "", Duration.ZERO, false);
        };
        CommandFault fault = new CommandFault(COMPOSE, runner);

        // When
        fault.inject();

        // Then
        assertThat(fault.evidence().isObserved()).isTrue();
        assertThat(tries).hasValue(3);
    }

    @Test
    void aFailingInjectIsOneLineWithTheOutputAndNothingToRestore() {
        // Given an inject command that exits 1
        CommandFault fault = new CommandFault(COMPOSE, answering(Map.of("docker compose kill redis", 1)));

        // When / Then
        assertThatThrownBy(fault::inject)
                .isInstanceOf(FaultException.class)
                .hasMessage("`docker compose kill redis` exited 1 in 0.00 s: output of"
                        + " docker compose kill redis: run the command in a shell from this directory and fix"
                        + " aftershock.command.redis-kill.inject");
        assertThat(fault.isActive()).isFalse();
        fault.restore();
        assertThat(ran).containsExactly("docker compose kill redis");
    }

    @Test
    void aFailingRestoreStaysActiveSoTheGuardTriesAgain() {
        // Given a restore that times out
        CommandRunner runner = (command, timeout) -> {
            ran.add(command);
            boolean restore = command.startsWith("docker compose start");
            return new CommandResult(command, restore ? -1 : 0, "", restore ? timeout : Duration.ZERO, restore);
        };
        CommandFault fault = new CommandFault(COMPOSE, runner);
        fault.inject();

        // When / Then
        assertThatThrownBy(fault::restore)
                .isInstanceOf(FaultException.class)
                .hasMessage("`docker compose start redis` was stopped after 30.00 s"
                        + " (its timeout): (no output): restore it by hand, and fix aftershock.command.redis-kill.restore");
        assertThat(fault.isActive()).isTrue();
    }

    @Test
    void aFaultWithoutRestoreHealsOnItsOwnAndItsRecipeSaysSo() {
        // Given pod-kill with no restore command
        FaultCommands podKill = new FaultCommands("pod-kill", "docker compose kill api", Optional.empty(), "api-restarted",
                Duration.ofSeconds(30), Duration.ofSeconds(1));
        CommandFault fault = new CommandFault(podKill, answering(Map.of()));

        // When
        fault.inject();
        fault.restore();

        // Then
        assertThat(ran).containsExactly("docker compose kill api", "api-restarted");
        assertThat(fault.isActive()).isFalse();
        assertThat(fault.restoreRecipe()).isInstanceOf(RestoreRecipe.NothingToRestore.class);
        assertThat(fault.describe()).isEqualTo("run `docker compose kill api`, no restore (heals on its own), evidence"
                + " from `api-restarted`");
    }

    @Test
    void theRecipeOfACrashedRunIsTheRestoreCommandWithItsTimeout() {
        // Given / When
        RestoreRecipe recipe = new CommandFault(COMPOSE, answering(Map.of())).restoreRecipe();

        // Then
        assertThat(recipe).isEqualTo(new RestoreRecipe.RunCommand("docker compose start redis", 30_000));
        assertThat(recipe.describe()).isEqualTo("run `docker compose start redis`");
    }

    @Test
    void ctrlCMidFaultRunsTheRestoreCommandThroughTheGuardsShutdownHook() {
        // Given an injected command fault, guarded as every fault of a run is
        FaultGuard guard = FaultGuard.withoutHook();
        CommandFault fault = guard.guard(new CommandFault(COMPOSE, answering(Map.of())));
        fault.inject();

        // When the JVM shuts down mid-fault
        guard.shutdownHook().run();

        // Then the restore command ran, once
        assertThat(ran).containsExactly("docker compose kill redis", "redis-down", "docker compose start redis");
        assertThat(fault.isActive()).isFalse();
    }

    private CommandRunner answering(Map<String, Integer> exitCodes) {
        return (command, timeout) -> {
            ran.add(command);
            int exit = exitCodes.getOrDefault(command, 0);
            return new CommandResult(command, exit, exit == 0 ? "" : "output of " + command, Duration.ZERO, false);
        };
    }
}
