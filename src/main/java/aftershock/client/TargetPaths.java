package aftershock.client;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;

import java.net.URI;

/**
 * The target's endpoint paths, from {@code aftershock.target.paths}. A path is under the base URL's own path
 * ({@code https://host/api/v1} with {@code /health} is {@code https://host/api/v1/health}, as behind a gateway);
 * a full URL is taken as it is.
 *
 * <pre>
 *   URI health = TargetPaths.under(URI.create("https://host/api/v1"), "/health"); // https://host/api/v1/health
 * </pre>
 */
public record TargetPaths(String login, String refresh, String jwtStatus, String agents, String apiKeys,
                          String sessions, String health, String ready, String jwks) {

    /** The paths as configured, each with a leading slash unless it is a full URL. */
    public static TargetPaths from(Settings paths) {
        return new TargetPaths(path(paths, "login"), path(paths, "refresh"), path(paths, "jwt-status"),
                path(paths, "agents"), path(paths, "api-keys"), path(paths, "sessions"), path(paths, "health"),
                path(paths, "ready"), path(paths, "jwks"));
    }

    private static String path(Settings paths, String key) {
        return normalised(paths.string(key));
    }

    /**
     * A full URL as it is, any other path with a leading slash: Gatling appends a relative path to each base URL
     * as text, so {@code /health} after {@code https://host/api/v1} (no trailing slash) is under the base path.
     */
    public static String normalised(String pathOrUrl) {
        return isFullUrl(pathOrUrl) || pathOrUrl.startsWith("/") ? pathOrUrl : "/" + pathOrUrl;
    }

    /** The base URL as Gatling is given it: without a trailing slash, so that {@link #normalised} paths join it. */
    public static String gatlingBase(URI baseUrl) {
        String base = baseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The session path for one id. */
    public String session(String id) {
        return sessions.replace("{id}", id);
    }

    /**
     * {@code pathOrUrl} under {@code baseUrl}'s path, or {@code pathOrUrl} itself when it is a full http(s) URL.
     * A leading slash never drops the base path: the base URL is where the service lives, not the host's root.
     */
    public static URI under(URI baseUrl, String pathOrUrl) {
        if (isFullUrl(pathOrUrl)) {
            return URI.create(pathOrUrl);
        }
        String base = baseUrl.toString();
        String path = pathOrUrl.startsWith("/") ? pathOrUrl.substring(1) : pathOrUrl;
        try {
            return URI.create((base.endsWith("/") ? base : base + "/") + path);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("path '" + pathOrUrl + "' under " + baseUrl + " is not a valid URL ("
                    + e.getMessage() + "): write it like /api/health, or as a full URL like https://host/api/health");
        }
    }

    /** True for {@code http://...} and {@code https://...}; such a value is taken as it is, wherever the base is. */
    public static boolean isFullUrl(String pathOrUrl) {
        String lower = pathOrUrl.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
