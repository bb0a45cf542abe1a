package aftershock.probes;

import java.util.Optional;

/**
 * Who leads now, as the system itself says: a Redis key, an HTTP answer, a Kubernetes Lease's holderIdentity.
 *
 * <pre>
 *   LeaderHolder lease = new RedisLeaderKey(redis, "aftershock:leader");
 *   Optional&lt;String&gt; holder = lease.current();   // "replica-0@4242", or empty when nobody holds it
 * </pre>
 */
public interface LeaderHolder {

    /** The holder identity now; empty when nobody holds the lease. Throws when the source cannot be read. */
    Optional<String> current();

    /** Where it is read, for messages: "Redis key aftershock:leader on 127.0.0.1:6379". */
    String describe();
}
