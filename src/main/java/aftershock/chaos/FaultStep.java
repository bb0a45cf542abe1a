package aftershock.chaos;

import aftershock.probes.Probe;
import aftershock.verdict.Threshold;

import java.time.Duration;

/**
 * One fault on a run's timeline: when it fires, how it ends, and what is watched to see the system recover.
 *
 * <pre>
 *   FaultStep.held("redis-kill", redisKill, Duration.ofSeconds(30), Duration.ofSeconds(60), readiness);
 *   FaultStep.selfHealing("pod-kill", replicaKill, Duration.ofSeconds(20), health).judgedBy(recoveryThreshold);
 * </pre>
 *
 * @param label     the name in reports and thresholds' scope, for example "redis-kill" or "pod-kill"
 * @param at        offset from the start of load (already scaled)
 * @param holdFor   for a held fault, how long it stays before restore(); null for a self-healing fault, which
 *                  the system must recover from on its own (restore() runs afterwards only as a safety net)
 * @param probe     what tells that the system is healthy again
 * @param recovery  optional threshold on the recovery time: its verdict becomes the status of the recovery
 *                  event in Gatling's report
 * @param frontDoor true when the probe watches the service's address (what users see) rather than the faulted
 *                  component: recovery and max downtime are then the component's own (from its evidence), and
 *                  the probe's figures are kept apart as the users' view
 */
public record FaultStep(String label, Fault fault, Duration at, Duration holdFor, Probe probe, Threshold recovery,
                        boolean frontDoor) {

    public static FaultStep held(String label, Fault fault, Duration at, Duration holdFor, Probe probe) {
        return new FaultStep(label, fault, at, holdFor, probe, null, false);
    }

    public static FaultStep selfHealing(String label, Fault fault, Duration at, Probe probe) {
        return new FaultStep(label, fault, at, null, probe, null, false);
    }

    public FaultStep judgedBy(Threshold recoveryThreshold) {
        return new FaultStep(label, fault, at, holdFor, probe, recoveryThreshold, frontDoor);
    }

    /** The same step, its probe watching the service's address rather than the faulted component. */
    public FaultStep probedAtFrontDoor() {
        return new FaultStep(label, fault, at, holdFor, probe, recovery, true);
    }

    public boolean isHeld() {
        return holdFor != null;
    }
}
