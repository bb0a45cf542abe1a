package aftershock.platform;

import aftershock.chaos.Fault;
import aftershock.chaos.RestoreRecipe;
import aftershock.probes.Probe;
import aftershock.verdict.NamedFault;

/**
 * A fault ready to fire, with the probe that tells when the system recovered from it and the recipe that
 * restores it on the next start if the runner dies mid-fault.
 *
 * @param label what reports call it: "redis-kill", "pod-kill"; a threshold is scoped to the fault itself
 *              ({@code forFault(planned)}), never to this string
 */
public record PlannedFault(String label, Fault fault, Probe probe, RestoreRecipe recipe) implements NamedFault {

    /** The same fault, its recovery watched by {@code otherProbe} instead. */
    public PlannedFault probedBy(Probe otherProbe) {
        return new PlannedFault(label, fault, otherProbe, recipe);
    }
}
