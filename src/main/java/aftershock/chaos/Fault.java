package aftershock.chaos;

/**
 * One way of breaking the system under test, and of putting it back.
 *
 * <pre>
 *   Fault fault = new RedisKill(redisProcess);
 *   logger.info("about to {}", fault.describe());
 *   fault.inject();    // breaks it now
 *   fault.restore();   // puts it back; safe to call twice, and when inject() never ran
 * </pre>
 *
 * Implementations do their destructive work through a collaborator handed to their constructor,
 * so tests can check what would be killed without killing it.
 */
public interface Fault {

    /** Short kebab-case name as users write it in configuration: "redis-kill", "pod-kill", "redis-failover". */
    String name();

    /** What inject() will do, in one line, for dry runs and the console: "SIGKILL redis-server pid 4242". */
    String describe();

    /** Breaks the system. Throws {@link FaultException} with a clear message when it cannot. */
    void inject();

    /** Puts the system back. Idempotent: restoring twice, or without an injection, is harmless. */
    void restore();

    /** True between a successful inject() and the next restore(). */
    boolean isActive();

    /**
     * What the component itself shows of the last injection (its PID gone, its pod replaced), asked while the
     * timeline watches the recovery and once more at the end. A fault that cannot tell says so: its run FAILs as
     * "fault not observed" rather than passing on probes that never failed.
     */
    default FaultEvidence evidence() {
        return FaultEvidence.notObserved(name() + " gives no evidence of its effect");
    }
}
