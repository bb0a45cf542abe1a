package aftershock.system;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.frontdoor.FrontDoor;
import aftershock.frontdoor.FrontDoorOptions;
import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.RedisMode;
import aftershock.supervisor.TargetOptions;

import java.net.URI;
import java.util.List;

/** The built-in target, configured from {@code aftershock.built-in}: Redis plus replicas on 127.0.0.1. */
public final class BuiltInTarget implements AutoCloseable {

    /** How {@link #describe()} and so every summary.json of a built-in run names the target. */
    public static final String DESCRIBED_AS = "built-in target";

    private final LocalTarget local;

    private BuiltInTarget(LocalTarget local) {
        this.local = local;
    }

    public static BuiltInTarget start(Settings settings, Target.Needs needs) {
        Settings builtIn = settings.section("built-in");
        Settings target = settings.section("target");
        TargetOptions options;
        FrontDoorOptions frontDoor;
        try {
            Settings door = builtIn.section("front-door");
            frontDoor = !door.flag("enabled") ? null : FrontDoorOptions.defaults()
                    .withCheckInterval(door.duration("check-interval"))
                    .withCheckTimeout(door.duration("check-timeout"))
                    .withRetryOnRefused(door.flag("retry-on-refused"));
            options = TargetOptions.defaults()
                    .withReplicas(builtIn.positiveInt("replicas"))
                    .withFirstPort(builtIn.nonNegativeInt("first-port"))
                    .withRedisPort(builtIn.nonNegativeInt("redis-port"))
                    .withRedisMode(needs == Target.Needs.SENTINEL ? RedisMode.SENTINEL : RedisMode.STANDALONE)
                    .withDefects(builtIn.string("defects").split(","))
                    .withRestartDelay(builtIn.duration("restart-delay"))
                    .withSlowRestart(builtIn.duration("slow-restart"))
                    .withJvmOptions(builtIn.string("jvm-options").strip().split("\\s+"))
                    .withAdmin(target.string("admin-username"), target.string("admin-password"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("aftershock.built-in: " + e.getMessage());
        }
        try {
            return new BuiltInTarget(LocalTarget.start(options, frontDoor, ProcessKiller.sigkill(),
                    LeftoverProcesses.inProjectDirectory()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("aftershock.built-in: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new Target.StartException("the built-in target did not start: " + e.getMessage(), e);
        }
    }

    public LocalTarget local() {
        return local;
    }

    /** Where the load goes: the front door, or every replica when it runs without one. */
    public List<URI> baseUrls() {
        return local.frontDoor().map(door -> List.of(door.url())).orElseGet(this::replicaUrls);
    }

    /** Each replica's own address, past the front door: for probes of one replica and per-replica checks. */
    public List<URI> replicaUrls() {
        return local.replicaUrls().stream().map(u -> u.toString().endsWith("/") ? u : URI.create(u + "/")).toList();
    }

    /** The Redis the replicas write to (the current master in Sentinel mode). */
    public String redisAddress() {
        return local.redisAddress().toString();
    }

    public String describe() {
        return DESCRIBED_AS + " (" + local.frontDoor().map(FrontDoor::url).map(u -> "front door " + u + " in front of ")
                .orElse("") + local.replicas().size() + " replicas " + local.replicaUrls() + ", Redis "
                + (local.options().redisMode() == RedisMode.SENTINEL ? "via Sentinel" : local.redisAddress()) + ")";
    }

    @Override
    public void close() {
        local.close();
    }
}
