package aftershock.client;

import aftershock.config.Settings;

/** The target's endpoint paths, from {@code aftershock.target.paths}. */
public record TargetPaths(String login, String refresh, String jwtStatus, String agents, String apiKeys,
                          String sessions, String health, String ready, String jwks) {

    public static TargetPaths from(Settings paths) {
        return new TargetPaths(paths.string("login"), paths.string("refresh"), paths.string("jwt-status"),
                paths.string("agents"), paths.string("api-keys"), paths.string("sessions"), paths.string("health"),
                paths.string("ready"), paths.string("jwks"));
    }

    /** The session path for one id. */
    public String session(String id) {
        return sessions.replace("{id}", id);
    }
}
