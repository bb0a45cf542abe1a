package aftershock.chaos.command;

import aftershock.chaos.Fault;
import aftershock.chaos.FaultEvidence;
import aftershock.chaos.FaultException;
import aftershock.chaos.RestoreRecipe;
import aftershock.waiting.Wait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A fault fired by the user's own commands ({@code aftershock.platform = command}): Aftershock chooses no victim, it
 * runs exactly the configured {@code inject}, then {@code check} until it exits 0 (the evidence), and {@code restore}.
 * Every command runs through the {@link CommandRunner} seam, with a timeout; each result goes to the log, and the
 * evidence carries the inject's, the check's and the restore's exit code and output into the report.
 *
 * <pre>
 *   Fault redisKill = new CommandFault(FaultCommands.from(settings.section("command"), "redis-kill"), new ShellCommands());
 *   redisKill.inject();   // docker compose kill redis, then the check until it exits 0
 *   redisKill.restore();  // docker compose start redis; a second call does nothing
 * </pre>
 */
public final class CommandFault implements Fault {

    private static final Logger logger = LoggerFactory.getLogger(CommandFault.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(250);

    private final FaultCommands commands;
    private final CommandRunner runner;
    private final Clock clock;
    private volatile boolean active;
    private volatile FaultEvidence evidence;

    public CommandFault(FaultCommands commands, CommandRunner runner) {
        this(commands, runner, Clock.systemUTC());
    }

    CommandFault(FaultCommands commands, CommandRunner runner, Clock clock) {
        this.commands = commands;
        this.runner = runner;
        this.clock = clock;
        this.evidence = FaultEvidence.notObserved(commands.fault() + " was not injected");
    }

    @Override
    public String name() {
        return commands.fault();
    }

    @Override
    public String describe() {
        return commands.describe();
    }

    /** Runs inject; a non-zero exit or a timeout is a {@link FaultException} with the command's output. */
    @Override
    public synchronized void inject() {
        CommandResult injected = run("inject", commands.inject());
        if (!injected.ok()) {
            throw new FaultException(injected.summary() + ": run the command in"
                    + " a shell from this directory and fix aftershock.command." + name() + ".inject");
        }
        active = true;
        evidence = FaultEvidence.pending("`" + commands.check() + "` has not exited 0 yet");
        evidence = checked("injected: " + injected.summary() + "; ");
    }

    /** Runs restore once per injection; without a restore command, only forgets the injection. Safe to call twice. */
    @Override
    public synchronized void restore() {
        if (!active) {
            return;
        }
        if (commands.restore().isEmpty()) {
            active = false;
            return;
        }
        CommandResult restored = run("restore", commands.restore().get());
        if (!restored.ok()) {
            throw new FaultException(restored.summary() + ": restore it by hand,"
                    + " and fix aftershock.command." + name() + ".restore");
        }
        active = false;
        evidence = evidence.recoveredAt(clock.instant(), "restored: " + restored.summary());
    }

    @Override
    public boolean isActive() {
        return active;
    }

    /** The check's result after the last injection, with the restore's once it ran. */
    @Override
    public FaultEvidence evidence() {
        return evidence;
    }

    /** How to finish this fault if the run dies before restoring it: its restore command, or nothing. */
    public RestoreRecipe restoreRecipe() {
        return commands.restore()
                .<RestoreRecipe>map(command -> new RestoreRecipe.RunCommand(command, commands.timeout().toMillis()))
                .orElseGet(() -> new RestoreRecipe.NothingToRestore(name() + " has no restore command: it heals on its own"));
    }

    private FaultEvidence checked(String injected) {
        Instant injectedAt = clock.instant();
        CommandResult last = Wait.forValue("`" + commands.check() + "` to exit 0 after " + name(),
                        () -> run("check", commands.check()), CommandResult::ok)
                .atMost(commands.checkWithin())
                .pollInterval(CHECK_INTERVAL)
                .awaitOutcome()
                .last();
        if (last.ok()) {
            return FaultEvidence.observed(injected + "check " + last.summary());
        }
        return FaultEvidence.notObserved(injected + "check `" + commands.check() + "` did not exit 0 within "
                + Duration.between(injectedAt, clock.instant()).toMillis() / 1000.0 + " s of the injection; last: "
                + last.summary());
    }

    private CommandResult run(String step, String command) {
        CommandResult result = runner.run(command, commands.timeout());
        logger.info("{} {}: {}", name(), step, result.summary());
        if (!result.output().isBlank()) {
            result.output().lines().forEach(line -> logger.info("{} {} | {}", name(), step, line));
        }
        return result;
    }
}
