package aftershock.catalog;

/** What a simulation does to the system under test, and so whether the suite asks before running it. */
public enum SimulationKind {

    /** Sends load only: the suite runs it without asking. */
    LOAD,

    /** Kills processes or pods while the load runs: the suite asks before running it. */
    RESILIENCE
}
