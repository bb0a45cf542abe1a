package aftershock.chaos;

import aftershock.chaos.JournalEntry.Action;
import aftershock.chaos.JournalEntry.State;

import java.util.function.Supplier;

/**
 * A fault whose every inject and restore is written to a {@link Journal}: STARTED, fsync'd, before delegating,
 * then DONE or FAILED.
 *
 * <pre>
 *   Fault fault = new Journaled(podKill, journal, podKill::restoreRecipe);
 * </pre>
 */
public final class Journaled implements Fault {

    private final Fault fault;
    private final Journal journal;
    private final Supplier<RestoreRecipe> recipe;
    private JournalEntry injection;

    /** Journals this fault; {@code recipe} is asked just before each injection. */
    public Journaled(Fault fault, Journal journal, Supplier<RestoreRecipe> recipe) {
        this.fault = fault;
        this.journal = journal;
        this.recipe = recipe;
    }

    @Override
    public String name() {
        return fault.name();
    }

    @Override
    public String describe() {
        return fault.describe();
    }

    @Override
    public synchronized void inject() {
        JournalEntry started = journal.begin(fault.name(), fault.describe(), recipe.get());
        try {
            fault.inject();
        } catch (RuntimeException e) {
            journal.recordFailure(started, Action.INJECT, e);
            throw e;
        }
        journal.record(started, Action.INJECT, State.DONE);
        injection = started;
    }

    @Override
    public synchronized void restore() {
        if (injection == null) {
            fault.restore();
            return;
        }
        journal.record(injection, Action.RESTORE, State.STARTED);
        try {
            fault.restore();
        } catch (RuntimeException e) {
            journal.recordFailure(injection, Action.RESTORE, e);
            throw e;
        }
        journal.markRestored(injection);
        injection = null;
    }

    @Override
    public boolean isActive() {
        return fault.isActive();
    }

    @Override
    public FaultEvidence evidence() {
        return fault.evidence();
    }
}
