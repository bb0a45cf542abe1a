package aftershock.probes;

import java.time.Instant;
import java.util.List;

/**
 * Where the leader job's runs are recorded: a Redis list, an HTTP endpoint.
 *
 * <pre>
 *   JobRuns runs = new RedisJobRuns(redis, "aftershock:leader:runs", JobRunFields.BUILT_IN);
 *   List&lt;JobRun&gt; sinceTheKill = runs.since(killedAt);
 * </pre>
 */
public interface JobRuns {

    /** The runs at or after {@code from}, oldest first. Throws when the source cannot be read. */
    List<JobRun> since(Instant from);

    /** Where they are read, for messages. */
    String describe();
}
