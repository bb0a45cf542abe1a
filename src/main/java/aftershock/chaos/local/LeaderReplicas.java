package aftershock.chaos.local;

import aftershock.chaos.FaultException;
import aftershock.probes.LeaderHolder;
import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.Replica;
import java.util.stream.Collectors;

/** Finds the built-in replica that holds the leader lease; its holder identity is "replica-0@4242" (id and pid). */
final class LeaderReplicas {

    private LeaderReplicas() {
    }

    /** The holder identity the built-in program writes into the lease. */
    static String holderOf(Replica replica) {
        return replica.id() + "@" + replica.pid();
    }

    /** The replica leading now; throws {@link FaultException} when nobody leads or the holder is no replica of ours. */
    static Replica current(LocalTarget target, LeaderHolder holder) {
        String leader;
        try {
            leader = holder.current().orElse(null);
        } catch (RuntimeException e) {
            throw new FaultException("cannot read the leader from " + holder.describe() + ": " + e.getMessage(), e);
        }
        if (leader == null) {
            throw new FaultException("no replica holds the leader lease (" + holder.describe() + " is empty): the election"
                    + " lost its leader before the fault; see the replicas' logs in " + target.runDirectory());
        }
        return target.replicas().stream().filter(r -> r.isAlive() && holderOf(r).equals(leader)).findFirst()
                .orElseThrow(() -> new FaultException("the leader lease is held by '" + leader + "', which is none of the"
                        + " replicas this supervisor started (" + target.replicas().stream().map(LeaderReplicas::holderOf)
                        .collect(Collectors.joining(", ")) + "): only processes we started are killed or paused"));
    }
}
