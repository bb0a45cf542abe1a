package aftershock.platform;

import aftershock.chaos.Fault;
import aftershock.chaos.RestoreRecipe;
import aftershock.probes.Probe;

/**
 * A fault ready to fire, with the probe that tells when the system recovered from it and the recipe that
 * restores it on the next start if the runner dies mid-fault.
 *
 * @param label what reports and thresholds call it: "redis-kill", "pod-kill"
 */
public record PlannedFault(String label, Fault fault, Probe probe, RestoreRecipe recipe) {
}
