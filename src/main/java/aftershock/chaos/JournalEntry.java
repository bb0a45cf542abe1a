package aftershock.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One line of the {@link Journal}: a step of one injection of a fault.
 *
 * @param runId         the run that injected the fault
 * @param injectionId   the same for every entry about one injection
 * @param faultName     "redis-kill", "pod-kill", ...
 * @param description   the fault's describe() at injection
 * @param action        inject or restore
 * @param state         started, done or failed
 * @param atEpochMillis when this step was written
 * @param recipe        how to restore if the run dies
 * @param failure       the error message when {@code state} is FAILED, otherwise null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(String runId, String injectionId, String faultName, String description, Action action,
                           State state, long atEpochMillis, RestoreRecipe recipe, String failure) {

    /** What the step does to the system. */
    public enum Action { INJECT, RESTORE }

    /** Where the step is: written before the change (STARTED), and after it (DONE or FAILED). */
    public enum State { STARTED, DONE, FAILED }

    /** A later step of the same injection. */
    public JournalEntry next(Action nextAction, State nextState, long nextAtEpochMillis, String nextFailure) {
        return new JournalEntry(runId, injectionId, faultName, description, nextAction, nextState, nextAtEpochMillis,
                recipe, nextFailure);
    }

    /** {@link #atEpochMillis()} as an Instant. */
    public Instant at() {
        return Instant.ofEpochMilli(atEpochMillis);
    }
}
