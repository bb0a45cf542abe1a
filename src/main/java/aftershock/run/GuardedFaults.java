package aftershock.run;

import aftershock.chaos.DryRun;
import aftershock.chaos.Fault;
import aftershock.chaos.FaultGuard;
import aftershock.chaos.Journal;
import aftershock.chaos.Journaled;
import aftershock.chaos.RestoreRecipe;
import aftershock.chaos.command.CommandResult;
import aftershock.chaos.command.ShellCommands;
import aftershock.platform.PlannedFault;
import aftershock.process.LeftoverProcesses;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The faults of one run, made safe: each change is journaled before it is made, a shutdown hook restores
 * what is still broken on Ctrl-C, and a fault left broken by a run that died is restored when the next opens.
 * With dry-run on, faults only print what they would do.
 */
final class GuardedFaults implements AutoCloseable {

    private static final Path DIRECTORY = Path.of("target", "aftershock");

    private final boolean dryRun;
    private final Journal journal = Journal.inDirectory(DIRECTORY);
    private FaultGuard guard;

    GuardedFaults(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Restores what the journal says a previous run left broken; call before starting the target. */
    static void recoverFromPreviousRun() {
        FaultGuard.recoverFromPreviousRun(Journal.inDirectory(DIRECTORY), GuardedFaults::restoreLeftover);
    }

    synchronized Fault guard(PlannedFault planned) {
        Fault fault = dryRun ? new DryRun(planned.fault()) : planned.fault();
        if (guard == null) {
            guard = FaultGuard.install();
        }
        return guard.guard(new Journaled(fault, journal, planned::recipe));
    }

    /** Restores every fault still active; safe to call twice. */
    @Override
    public synchronized void close() {
        if (guard != null) {
            guard.restoreActiveFaults();
            guard.close();
        }
    }

    private static void restoreLeftover(RestoreRecipe recipe) {
        if (recipe instanceof RestoreRecipe.KillLeftoverProcess) {
            LeftoverProcesses.inProjectDirectory().killLeftovers();
        } else if (recipe instanceof RestoreRecipe.RunCommand command) {
            CommandResult restored = new ShellCommands().run(command.command(), Duration.ofMillis(command.timeoutMillis()));
            if (!restored.ok()) {
                throw new IllegalStateException(restored.summary() + ": run it by hand");
            }
        } else if (recipe instanceof RestoreRecipe.ScaleWorkload scale) {
            throw new IllegalStateException("scaling back needs aftershock.platform=kubernetes: run "
                    + scale.describe() + " by hand");
        } else if (recipe instanceof RestoreRecipe.WaitForPods pods) {
            throw new IllegalStateException("waiting for pods needs aftershock.platform=kubernetes: check "
                    + pods.describe() + " by hand");
        }
    }
}
