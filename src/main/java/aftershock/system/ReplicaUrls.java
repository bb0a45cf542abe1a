package aftershock.system;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * Each replica's own address: the built-in target's replicas, or on the user's system
 * {@code aftershock.target.replica-urls}, or BASE_URL alone when that is empty.
 *
 * <pre>
 *   List&lt;URI&gt; replicas = ReplicaUrls.of(target, settings.section("target"));
 * </pre>
 */
public final class ReplicaUrls {

    private ReplicaUrls() {
    }

    /** The replicas' base URLs, each ending in "/"; a malformed list is one line saying how to write it. */
    public static List<URI> of(Target target, Settings targetSettings) {
        String configured = targetSettings.string("replica-urls");
        if (target.isBuiltIn() || configured.isBlank()) {
            // The built-in target's replicas each at its own address, never its front door; else BASE_URL alone.
            return target.replicaUrls();
        }
        List<String> texts = Arrays.stream(configured.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList();
        try {
            List<URI> urls = texts.stream().map(u -> URI.create(u.endsWith("/") ? u : u + "/")).toList();
            for (URI url : urls) {
                if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                    throw new IllegalArgumentException("'" + url + "' is not an http(s) URL");
                }
            }
            return urls;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("aftershock.target.replica-urls '" + configured + "' is not a list of URLs ("
                    + e.getMessage() + "): write each replica's address, comma-separated, like"
                    + " http://10.0.0.5:8080,http://10.0.0.6:8080, or leave it empty");
        }
    }
}
