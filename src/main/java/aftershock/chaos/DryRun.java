package aftershock.chaos;

import java.io.PrintStream;

/**
 * A fault that only says what it would do: inject() and restore() print "dry run: would ..." and never call
 * the wrapped fault's inject() or restore().
 *
 * <pre>
 *   Fault fault = dryRun ? new DryRun(podKill) : podKill;
 *   fault.inject();   // dry run: would delete 1 pod (first by name) matching app=web in namespace 'staging' ...
 * </pre>
 */
public final class DryRun implements Fault {

    private final Fault fault;
    private final PrintStream console;
    private volatile boolean active;

    /** A dry run of this fault, printing to System.out. */
    public DryRun(Fault fault) {
        this(fault, System.out);
    }

    /** A dry run of this fault, printing to this console. */
    public DryRun(Fault fault, PrintStream console) {
        this.fault = fault;
        this.console = console;
    }

    @Override
    public String name() {
        return fault.name();
    }

    /** Says it is a dry run, so no console line or report reads as if the fault had been fired. */
    @Override
    public String describe() {
        return "dry run, nothing done (would " + fault.describe() + ")";
    }

    @Override
    public void inject() {
        say("dry run: would " + fault.describe());
        active = true;
    }

    @Override
    public void restore() {
        if (active) {
            say("dry run: would restore " + fault.name());
            active = false;
        }
    }

    /** True between inject() and restore(), as if the fault had run, so the run's bookkeeping stays the same. */
    @Override
    public boolean isActive() {
        return active;
    }

    /** A dry run changes nothing, so there is nothing to observe: its recovery is never a PASS. */
    @Override
    public FaultEvidence evidence() {
        return FaultEvidence.notObserved("dry run, nothing was injected");
    }

    private void say(String line) {
        console.println(line);
        console.flush();
    }
}
