package aftershock.chaos;

import aftershock.chaos.JournalEntry.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes sure no fault outlives the run: a JVM shutdown hook restores every active fault (Ctrl-C mid-fault),
 * and {@link #recoverFromPreviousRun} finishes what a run that died outright left in the {@link Journal}.
 *
 * <pre>
 *   FaultGuard.recoverFromPreviousRun(journal, runner);
 *   try (FaultGuard guard = FaultGuard.install()) {
 *       Fault podKill = guard.guard(new Journaled(podDelete, journal, podDelete::restoreRecipe));
 *       ...
 *   }
 * </pre>
 */
public final class FaultGuard implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(FaultGuard.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Thread hook = new Thread(this::restoreActiveFaults, "aftershock-fault-guard");
    private volatile boolean installed;

    private FaultGuard() {
    }

    /** A guard whose shutdown hook is registered with the JVM. */
    public static FaultGuard install() {
        FaultGuard guard = new FaultGuard();
        Runtime.getRuntime().addShutdownHook(guard.hook);
        guard.installed = true;
        return guard;
    }

    /** A guard with no shutdown hook, for tests that call {@link #shutdownHook()} themselves. */
    public static FaultGuard withoutHook() {
        return new FaultGuard();
    }

    /** Restores this fault on shutdown if it is still active then; returns it for chaining. */
    public <F extends Fault> F guard(F fault) {
        faults.add(fault);
        return fault;
    }

    /** What the JVM runs on shutdown. */
    public Runnable shutdownHook() {
        return this::restoreActiveFaults;
    }

    /** Restores every active fault, the last guarded first; failures are logged, never thrown. */
    public void restoreActiveFaults() {
        List<Fault> newestFirst = new ArrayList<>(faults);
        Collections.reverse(newestFirst);
        for (Fault fault : newestFirst) {
            if (!fault.isActive()) {
                continue;
            }
            logger.warn("shutting down mid-fault: restoring {} ({})", fault.name(), fault.describe());
            try {
                fault.restore();
                logger.warn("restored {}", fault.name());
            } catch (RuntimeException e) {
                logger.error("could not restore {} on shutdown: {}", fault.name(), e.getMessage(), e);
            }
        }
    }

    /** Unregisters the shutdown hook; the guarded faults are the caller's to restore. */
    @Override
    public void close() {
        if (installed) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to: nothing to remove
            }
            installed = false;
        }
    }

    /** As {@link #recoverFromPreviousRun(Journal, RecipeRunner, PrintStream)}, printing to System.out. */
    public static List<JournalEntry> recoverFromPreviousRun(Journal journal, RecipeRunner runner) {
        return recoverFromPreviousRun(journal, runner, System.out);
    }

    /**
     * Runs the restore recipe of every injection an earlier run never restored, printing one line per fault,
     * and marks each restored in the journal.
     *
     * @return the injections that still could not be restored; empty when the system is back
     */
    public static List<JournalEntry> recoverFromPreviousRun(Journal journal, RecipeRunner runner,
                                                            PrintStream console) {
        List<JournalEntry> failed = new ArrayList<>();
        for (JournalEntry injection : journal.unrestored()) {
            console.println("previous run ended mid-fault: " + injection.faultName() + " injected "
                    + when(injection.at()) + ", never restored; restoring: " + injection.recipe().describe());
            journal.record(injection, Action.RESTORE, JournalEntry.State.STARTED);
            try {
                runner.run(injection.recipe());
                journal.markRestored(injection);
            } catch (RuntimeException e) {
                journal.recordFailure(injection, Action.RESTORE, e);
                console.println("could not restore " + injection.faultName() + " left by the previous run: "
                        + e.getMessage());
                failed.add(injection);
            }
        }
        return failed;
    }

    private static String when(Instant at) {
        ZonedDateTime local = at.atZone(ZoneId.systemDefault());
        boolean today = local.toLocalDate().equals(LocalDate.now(ZoneId.systemDefault()));
        return (today ? TIME : DATE_TIME).format(local);
    }
}
