package aftershock.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;

import java.util.Map;
import java.util.function.Consumer;

/** Old keys that still work, each saying which key replaced it. */
final class Aliases {

    private static final String JWT_STRESS_AUTH = "jwt-stress.auth";
    private static final String AUTH_MODE = "target.auth.mode";
    private static final Map<String, String> JWT_STRESS_MODES = Map.of("builtin", "bearer", "bearer", "bearer", "oidc", "oidc");

    private Aliases() {
    }

    /** {@code jwt-stress.auth} (builtin or oidc) sets {@code target.auth.mode}, and the console says so. */
    static Config apply(Config config, Consumer<String> console) {
        if (!config.hasPath(JWT_STRESS_AUTH) || config.getString(JWT_STRESS_AUTH).isBlank()) {
            return config;
        }
        String old = config.getString(JWT_STRESS_AUTH).trim();
        String mode = JWT_STRESS_MODES.get(old);
        if (mode == null) {
            throw new ConfigurationException(Settings.ROOT + "." + JWT_STRESS_AUTH + " is '" + old + "': it is an alias of "
                    + Settings.ROOT + "." + AUTH_MODE + "; set that to bearer or oidc instead");
        }
        console.accept("aftershock: " + Settings.ROOT + "." + JWT_STRESS_AUTH + "=" + old + " is an alias: it sets "
                + Settings.ROOT + "." + AUTH_MODE + "=" + mode + "; set that instead");
        return config.withValue(AUTH_MODE, ConfigValueFactory.fromAnyRef(mode));
    }
}
