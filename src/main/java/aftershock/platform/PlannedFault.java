package aftershock.platform;

import aftershock.chaos.Fault;
import aftershock.chaos.RestoreRecipe;
import aftershock.probes.Probe;
import aftershock.verdict.NamedFault;

/**
 * A fault ready to fire, with the probe that tells when the system recovered from it and the recipe that
 * restores it on the next start if the runner dies mid-fault.
 *
 * @param label     what reports call it: "redis-kill", "pod-kill"; a threshold is scoped to the fault itself
 *                  ({@code forFault(planned)}), never to this string
 * @param frontDoor true when {@code probe} watches the service's address (users' view), not the faulted component
 */
public record PlannedFault(String label, Fault fault, Probe probe, RestoreRecipe recipe, boolean frontDoor)
        implements NamedFault {

    /** A fault whose probe watches the faulted component itself. */
    public PlannedFault(String label, Fault fault, Probe probe, RestoreRecipe recipe) {
        this(label, fault, probe, recipe, false);
    }

    /** The same fault, its recovery watched by {@code otherProbe} (on the component) instead. */
    public PlannedFault probedBy(Probe otherProbe) {
        return new PlannedFault(label, fault, otherProbe, recipe, false);
    }
}
