package aftershock.builtin;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Known bugs the built-in target can plant, so that a chaos run has something to find.
 * Set per replica process with {@code -Daftershock.target.defects=no-fallback,memory-sessions}.
 */
public enum Defect {
    /** API keys lose their in-memory fallback, and jwt/status checks a Redis revocation list: both 503 while Redis is down. */
    NO_FALLBACK,
    /** Session state lives only in the replica's memory: lost when it dies, invisible to other replicas. */
    MEMORY_SESSIONS,
    /** A restarted replica sleeps aftershock.target.slow-restart-millis (default 35000) before it listens. */
    SLOW_RESTART,
    /** One login in five (every fifth, so exactly 20 %) answers 401 at once, before the password is checked. */
    LOGIN_FAILURES,
    /** One refresh in five (every fifth, so exactly 20 %) answers 401 at once, and the token is not consumed. */
    REFRESH_FAILURES,
    /**
     * After a kill, the restarted replica accepts connections, but /health and /ready hang (never answered) until
     * aftershock.target.hanging-health-millis (default 12000) after the kill; the log gives both instants. They
     * hang too while Redis is down (from the heartbeat that finds it gone until the one that finds it back).
     */
    HANGING_HEALTH,
    /** The supervisor runs Redis without its append-only file: a crashed Redis comes back empty. */
    REDIS_NO_PERSISTENCE,
    /** A replica registers itself in the agent registry once, at start: after Redis comes back empty it stays missing. */
    NO_REGISTRY_REBUILD,
    /** A restarted replica keeps sessions in its own memory and never reads them from Redis. */
    NO_SESSION_RESTORE,
    /** Behind Sentinel, a session write is acknowledged as soon as the master has it, without waiting for a replica. */
    LOSSY_FAILOVER,
    /** A replica serves a session it has read from its own cache for 5 s, even after a newer write elsewhere. */
    STALE_READS,
    /** A leader that was paused past its lease runs its job once more on resuming, before it checks the lease (and unfenced). */
    SPLIT_BRAIN,
    /** Followers never take an expired lease: after the first election, a lost leader is never replaced. */
    NO_TAKEOVER,
    /** GET /api/keys answers 50 ms later than it would: a latency regression a comparison must flag. */
    SLOW_RESPONSES,
    /**
     * The front door in front of the replicas (run by the supervisor) keeps a failing replica in rotation for 15 s
     * instead of taking it out at once; the replicas themselves behave normally.
     */
    SLOW_DEREGISTRATION,
    /** The agents' stale threshold equals their heartbeat interval (seed 000): a heartbeat a little late unregisters a healthy agent. */
    HEARTBEAT_EQUALS_STALE,
    /**
     * The agent-to-replica mapping is written once, at register, and the replica does not ask its agents to register
     * again when Redis comes back: after Redis comes back empty the mapping stays missing.
     */
    NO_MAPPING_RESTORE,
    /** A command for an agent connected to another replica is acknowledged and dropped, never published over Redis. */
    NO_COMMAND_ROUTING,
    /**
     * Agents reconnect to their old replica only: the welcome tells them so (with one address per replica), and the
     * front door pins each agent to the replica it first reached, dead or not. When it dies, they retry a dead address.
     */
    STICKY_RECONNECT;

    /** The kebab-case name users write: "no-fallback". */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses "no-fallback"; throws with the list of known defects otherwise. */
    public static Defect parse(String key) {
        String wanted = key.trim();
        return Arrays.stream(values()).filter(d -> d.key().equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown defect '" + key + "': choose from "
                        + Arrays.stream(values()).map(Defect::key).collect(Collectors.joining(", "))));
    }

    /** Parses "a,b" (blank means none). */
    public static Set<Defect> parseList(String keys) {
        Set<Defect> defects = EnumSet.noneOf(Defect.class);
        if (keys != null) {
            Arrays.stream(keys.split(",")).filter(k -> !k.isBlank()).map(Defect::parse).forEach(defects::add);
        }
        return defects;
    }

    /** "a,b", the inverse of {@link #parseList(String)}. */
    public static String toList(Set<Defect> defects) {
        return defects.stream().map(Defect::key).collect(Collectors.joining(","));
    }
}
