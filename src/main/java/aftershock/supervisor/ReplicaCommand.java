package aftershock.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.HostAndPort;

/**
 * The command line of one built-in replica: the contract between the supervisor and the built-in program,
 * which runs as a separate process and is never linked into the runner.
 *
 * @param port           HTTP port on 127.0.0.1
 * @param replicaId      name of this replica in responses and the agent registry
 * @param redis          standalone Redis address, or null in Sentinel mode
 * @param sentinels      Sentinel addresses, empty in standalone mode
 * @param masterName     the Sentinel master name
 * @param adminUsername  the one user that can log in
 * @param adminPassword  its password
 * @param defects        defect names to plant; the program refuses unknown ones with exit status 2
 * @param slowRestart    sleep before listening when restarted with the slow-restart defect
 * @param restartCount   0 for the first start of this replica, then 1, 2, ...
 * @param threads        HTTP worker threads
 * @param killedAt       when the previous process of this replica was killed, for defects that act on a restart
 *                       after a kill (hanging-health); null on a first start or a restart that followed no kill
 * @param agentPort      the agents' WebSocket port on 127.0.0.1; 0 for none
 */
record ReplicaCommand(int port, String replicaId, HostAndPort redis, List<HostAndPort> sentinels, String masterName,
                      String adminUsername, String adminPassword, List<String> defects, Duration slowRestart,
                      int restartCount, int threads, Instant killedAt, int agentPort) {

    ReplicaCommand(int port, String replicaId, HostAndPort redis, List<HostAndPort> sentinels, String masterName,
                   String adminUsername, String adminPassword, List<String> defects, Duration slowRestart,
                   int restartCount, int threads, Instant killedAt) {
        this(port, replicaId, redis, sentinels, masterName, adminUsername, adminPassword, defects, slowRestart,
                restartCount, threads, killedAt, 0);
    }

    /** The built-in program's entry point, started by class name so the runner never links it. */
    static final String MAIN_CLASS = "aftershock.builtin.TargetServer";

    /** Exit status with which the program refuses a bad argument, its reason on the last line of its log. */
    static final int BAD_ARGUMENT_EXIT = 2;

    /** The {@code --name=value} arguments; the signing key file is added by the launcher. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        args.add("--port=" + port);
        args.add("--replica-id=" + replicaId);
        if (redis != null) {
            args.add("--redis=" + redis);
        }
        if (!sentinels.isEmpty()) {
            args.add("--sentinels=" + String.join(",", sentinels.stream().map(HostAndPort::toString).toList()));
            args.add("--master-name=" + masterName);
        }
        args.add("--admin-username=" + adminUsername);
        args.add("--admin-password=" + adminPassword);
        args.add("--defects=" + String.join(",", defects));
        args.add("--slow-restart-millis=" + slowRestart.toMillis());
        args.add("--restart-count=" + restartCount);
        args.add("--watch-parent=true");
        args.add("--threads=" + threads);
        if (killedAt != null) {
            args.add("--killed-at-epoch-millis=" + killedAt.toEpochMilli());
        }
        if (agentPort > 0) {
            args.add("--agent-port=" + agentPort);
        }
        return args;
    }
}
