package aftershock.platform;

import aftershock.chaos.command.ShellCommands;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.client.Http;
import aftershock.system.Target;
import aftershock.client.TargetPaths;
import aftershock.system.ReplicaUrls;

/**
 * Picks where faults are fired from {@code aftershock.platform}: {@code local} (the built-in target's processes),
 * {@code kubernetes} (pods, through fabric8) or {@code command} (the user's own commands).
 *
 * <pre>
 *   Platform platform = Platforms.choose(settings, target, http, paths);
 *   logger.info("faults on {}", platform.describe());
 * </pre>
 */
public final class Platforms {

    private Platforms() {
    }

    /**
     * The platform the settings ask for, fitted to the target.
     *
     * @throws ConfigurationException for an unknown platform, local faults on the user's own system, or
     *                                Kubernetes faults while the load goes to the built-in target
     */
    public static Platform choose(Settings root, Target target, Http http, TargetPaths paths) {
        String platform = root.string("platform").trim();
        switch (platform) {
            case "local" -> {
                if (!target.isBuiltIn()) {
                    throw new ConfigurationException("faults on your own system (BASE_URL) need aftershock.platform=kubernetes and a namespace,"
                            + " or aftershock.platform=command and your own commands: local faults only touch the built-in target's processes");
                }
                return new LocalPlatform(target.builtIn().local(), http, paths.health(), paths.ready());
            }
            case "kubernetes" -> {
                if (target.isBuiltIn()) {
                    throw new ConfigurationException("aftershock.platform=kubernetes fires faults at pods, but the load"
                            + " goes to the built-in target on 127.0.0.1: set BASE_URL to the service on the cluster,"
                            + " or use aftershock.platform=local");
                }
                return KubernetesPlatform.fromSettings(root, http, target.baseUrls().get(0), paths);
            }
            case "command" -> {
                return new CommandPlatform(root.section("command"), new ShellCommands(), http,
                        ReplicaUrls.of(target, root.section("target")), paths);
            }
            default -> throw new ConfigurationException("aftershock.platform is '" + platform + "': use local (the"
                    + " built-in target's processes), kubernetes (pods, through fabric8) or command (your own commands,"
                    + " aftershock.command.<fault>)");
        }
    }
}
