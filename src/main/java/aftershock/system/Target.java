package aftershock.system;

import aftershock.config.Settings;

import java.net.URI;
import java.util.List;

/**
 * The system under test: the user's own (BASE_URL) or the built-in one, started before the load and
 * stopped after it, also on failure and Ctrl-C.
 */
public final class Target implements AutoCloseable {

    /** What a simulation needs from the built-in target. */
    public enum Needs {
        /** Redis as one process. */
        STANDALONE,
        /** Redis master + replica + 3 sentinels; the target talks to Redis through Sentinel. */
        SENTINEL
    }

    /** The built-in target could not start (a port taken, a replica that died at start). */
    public static class StartException extends RuntimeException {
        public StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final List<URI> baseUrls;
    private final String redisAddress;
    private final BuiltInTarget builtIn;

    private Target(List<URI> baseUrls, String redisAddress, BuiltInTarget builtIn) {
        this.baseUrls = baseUrls;
        this.redisAddress = redisAddress;
        this.builtIn = builtIn;
    }

    /** The user's system when {@code aftershock.target.base-url} (BASE_URL) is set, otherwise the built-in one. */
    public static Target start(Settings settings, Needs needs) {
        Settings target = settings.section("target");
        String baseUrl = target.string("base-url").trim();
        if (!baseUrl.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
            } catch (IllegalArgumentException e) {
                throw new aftershock.config.ConfigurationException("BASE_URL '" + baseUrl
                        + "' is not a URL: set it like http://localhost:3001, or unset it to use the built-in target");
            }
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new aftershock.config.ConfigurationException("BASE_URL '" + baseUrl
                        + "' is not an http(s) URL: set it like http://localhost:3001, or unset it to use the built-in target");
            }
            return new Target(List.of(uri), target.string("redis-address").trim(), null);
        }
        String injectorUrls = settings.section("injector").string("target-urls").trim();
        if (!injectorUrls.isEmpty()) {
            // Another injector's built-in target: injector 0 started it, and only injector 0 fires faults at it.
            List<URI> urls = java.util.Arrays.stream(injectorUrls.split(",")).map(String::trim)
                    .map(url -> URI.create(url.endsWith("/") ? url : url + "/")).toList();
            return new Target(urls, "", null);
        }
        BuiltInTarget builtIn = BuiltInTarget.start(settings, needs);
        return new Target(builtIn.baseUrls(), builtIn.redisAddress(), builtIn);
    }

    /** Where the load goes: BASE_URL, or the built-in target's front door. */
    public List<URI> baseUrls() {
        return baseUrls;
    }

    /**
     * Each replica's own address, for checks that must reach one replica: the built-in target's replicas past its
     * front door; for the user's system, BASE_URL (its replicas are behind a front door of its own).
     */
    public List<URI> replicaUrls() {
        return builtIn != null ? builtIn.replicaUrls() : baseUrls;
    }

    /** host:port of a Redis to check in preflight, or empty. */
    public String redisAddress() {
        return redisAddress;
    }

    /** The built-in target, or null when the user brought their own system. */
    public BuiltInTarget builtIn() {
        return builtIn;
    }

    public boolean isBuiltIn() {
        return builtIn != null;
    }

    /** What to tell a user whose target does not answer. */
    public String fixHint() {
        return isBuiltIn() ? "the built-in target did not come up: see its logs under target/aftershock"
                : "set BASE_URL to the running service, or unset it to use the built-in target";
    }

    public String describe() {
        return isBuiltIn() ? builtIn.describe() : baseUrls.get(0).toString();
    }

    @Override
    public void close() {
        if (builtIn != null) {
            builtIn.close();
        }
    }
}
