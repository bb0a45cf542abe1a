package aftershock.builtin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import redis.clients.jedis.HostAndPort;

/**
 * The settings of one {@link TargetServer} replica. Read from {@code aftershock.target.*} system
 * properties, overridden by {@code --name=value} arguments (same names without the prefix).
 *
 * @param port            HTTP port on 127.0.0.1
 * @param replicaId       name of this replica in responses and the agent registry
 * @param redis           standalone Redis address, or null in Sentinel mode
 * @param sentinels       Sentinel addresses, empty in standalone mode
 * @param masterName      the Sentinel master name
 * @param adminUsername   the one user that can log in
 * @param adminPassword   its password
 * @param signingKeyJwk   private RSA JWK JSON shared by all replicas (--signing-key or --signing-key-file),
 *                        or null to generate one
 * @param oidcKeyJwk      private RSA JWK JSON of the OAuth2/OIDC issuer, shared by all replicas (--oidc-key-file),
 *                        or null to generate one
 * @param defects         bugs to plant
 * @param slowRestart     sleep before listening when started as a restart with the slow-restart defect
 * @param restartCount    0 for the first start of this replica, then 1, 2, ...
 * @param watchParent     exit when the parent process (the supervisor) dies
 * @param threads         HTTP worker threads
 * @param killedAt        when the previous process of this replica was killed (--killed-at-epoch-millis), or null
 * @param hangingHealth   with the hanging-health defect: how long after that kill health and ready hang
 * @param leader          the leader election: --leader-election=redis|kubernetes (--lease-name, --lease-namespace
 *                        or POD_NAMESPACE on Kubernetes), its lease, renewal tick and job interval
 *                        (--leader-lease-millis, --leader-tick-millis, --leader-job-millis: 3000, 250, 500)
 */
public record TargetConfig(int port, String replicaId, HostAndPort redis, List<HostAndPort> sentinels, String masterName,
                           String adminUsername, String adminPassword, String signingKeyJwk, String oidcKeyJwk,
                           Set<Defect> defects, Duration slowRestart, int restartCount, boolean watchParent, int threads,
                           Instant killedAt, Duration hangingHealth, LeaderElection.Settings leader) {

    /** Prefix of the system properties. */
    public static final String PREFIX = "aftershock.target.";

    /** Reads system properties, then {@code --name=value} arguments. */
    public static TargetConfig from(String[] args, Properties system) {
        Map<String, String> values = new HashMap<>();
        system.stringPropertyNames().stream().filter(n -> n.startsWith(PREFIX))
                .forEach(n -> values.put(n.substring(PREFIX.length()), system.getProperty(n)));
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': use --name=value, e.g. --port=8081");
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        List<HostAndPort> sentinels = new ArrayList<>();
        for (String s : values.getOrDefault("sentinels", "").split(",")) {
            if (!s.isBlank()) {
                sentinels.add(HostAndPort.from(s.trim()));
            }
        }
        String redis = values.get("redis");
        return new TargetConfig(
                Integer.parseInt(values.getOrDefault("port", "8080")),
                values.getOrDefault("replica-id", "replica-0"),
                redis == null || redis.isBlank() ? (sentinels.isEmpty() ? new HostAndPort("127.0.0.1", 6379) : null)
                        : HostAndPort.from(redis),
                List.copyOf(sentinels),
                values.getOrDefault("master-name", "aftershock"),
                values.getOrDefault("admin-username", "admin"),
                values.getOrDefault("admin-password", "admin123"),
                signingKey(values),
                file(values.get("oidc-key-file")),
                Defect.parseList(values.get("defects")),
                Duration.ofMillis(Long.parseLong(values.getOrDefault("slow-restart-millis", "35000"))),
                Integer.parseInt(values.getOrDefault("restart-count", "0")),
                Boolean.parseBoolean(values.getOrDefault("watch-parent", "false")),
                Integer.parseInt(values.getOrDefault("threads", "32")),
                values.containsKey("killed-at-epoch-millis")
                        ? Instant.ofEpochMilli(Long.parseLong(values.get("killed-at-epoch-millis"))) : null,
                Duration.ofMillis(Long.parseLong(values.getOrDefault("hanging-health-millis", "12000"))),
                new LeaderElection.Settings(values.getOrDefault("leader-election", "redis"),
                        values.getOrDefault("lease-name", "aftershock-leader"),
                        values.getOrDefault("lease-namespace", System.getenv().getOrDefault("POD_NAMESPACE", "")),
                        new LeaderElection.Timing(millis(values, "leader-lease-millis", 3000), millis(values, "leader-tick-millis", 250),
                                millis(values, "leader-job-millis", 500))));
    }

    private static Duration millis(Map<String, String> values, String name, long defaultMillis) {
        long millis = Long.parseLong(values.getOrDefault(name, String.valueOf(defaultMillis)));
        if (millis <= 0) {
            throw new IllegalArgumentException("--" + name + "=" + millis + ": give a positive number of milliseconds");
        }
        return Duration.ofMillis(millis);
    }

    private static String file(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": pass --oidc-key-file=<private RSA JWK JSON file>", e);
        }
    }

    private static String signingKey(Map<String, String> values) {
        String file = values.get("signing-key-file");
        if (values.get("signing-key") != null || file == null) {
            return values.get("signing-key");
        }
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key file " + file
                    + ": pass --signing-key-file=<private JWK JSON file> or --signing-key=<JSON>", e);
        }
    }


    /** True in Sentinel mode. */
    public boolean sentinelMode() {
        return !sentinels.isEmpty();
    }

    /** True when the defect is planted. */
    public boolean has(Defect defect) {
        return defects.contains(defect);
    }
}
