package aftershock.probes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/** Job runs recorded as JSON objects in a Redis list, oldest first ({@code RPUSH key run}). */
public final class RedisJobRuns implements JobRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnifiedJedis redis;
    private final String key;
    private final JobRunFields fields;
    private final String where;

    /** {@code where} names the Redis for messages ("127.0.0.1:6379"). */
    public RedisJobRuns(UnifiedJedis redis, String key, JobRunFields fields, String where) {
        this.redis = redis;
        this.key = key;
        this.fields = fields;
        this.where = where;
    }

    @Override
    public List<JobRun> since(Instant from) {
        List<JobRun> runs = new ArrayList<>();
        for (String entry : redis.lrange(key, 0, -1)) {
            try {
                fields.parse(JSON.readTree(entry)).filter(run -> !run.at().isBefore(from)).ifPresent(runs::add);
            } catch (JsonProcessingException e) {
                // Not a run (another writer's entry): skipped, like a run without a holder.
            }
        }
        return runs;
    }

    @Override
    public String describe() {
        return "Redis list " + key + " on " + where;
    }
}
