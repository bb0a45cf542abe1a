package aftershock.platform;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.run.Http;
import aftershock.run.Target;
import aftershock.run.TargetPaths;

/** Chooses where faults are fired. */
public final class Platforms {

    private Platforms() {
    }

    /** The built-in target's processes; refuses a user's own system, whose processes Aftershock did not start. */
    public static Platform choose(Settings root, Target target, Http http, TargetPaths paths) {
        if (!target.isBuiltIn()) {
            throw new ConfigurationException("faults on your own system need the Kubernetes platform: local faults"
                    + " only touch the built-in target's processes (unset BASE_URL to use it)");
        }
        return new LocalPlatform(target.builtIn().local(), http, paths.health(), paths.ready());
    }
}
