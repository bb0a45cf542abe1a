package aftershock.platform;

import aftershock.chaos.FaultException;
import aftershock.chaos.kubernetes.LabelSelector;
import aftershock.chaos.kubernetes.NamespaceAllowlist;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and what {@link KubernetesPlatform} kills, from {@code aftershock.kubernetes}. Checked when built: an
 * empty namespace, one off the allowlist or a malformed selector is one clear line, before any API call.
 *
 * <pre>
 *   KubernetesSettings kubernetes = KubernetesSettings.from(Settings.load().section("kubernetes"));
 * </pre>
 *
 * @param namespace           where every fault fires
 * @param allowlist           the only namespaces faults may touch
 * @param redisSelector       the Redis pod(s) redis-kill deletes
 * @param serviceSelector     the service pods pod-kill deletes
 * @param serviceHealthUrl    how the service's health is probed; empty means BASE_URL + the health path
 * @param redisMasterSelector the Redis master pod redis-failover deletes
 * @param readyTimeout        how long a fault's restore waits for Ready replacements
 * @param redisWorkload       "statefulset/NAME" or "deployment/NAME": redis-kill scales it to 0 for the outage;
 *                            empty when not set
 */
public record KubernetesSettings(String namespace, NamespaceAllowlist allowlist, LabelSelector redisSelector,
                                 LabelSelector serviceSelector, Optional<URI> serviceHealthUrl,
                                 LabelSelector redisMasterSelector, Duration readyTimeout, String redisWorkload) {

    private static final String PREFIX = "aftershock.kubernetes.";

    public KubernetesSettings {
        if (namespace.isBlank()) {
            throw new ConfigurationException(PREFIX + "namespace is empty: set it to the namespace the faults may "
                    + "touch, for example -D" + PREFIX + "namespace=staging");
        }
        try {
            allowlist.check(namespace);
        } catch (FaultException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** Reads and checks the {@code aftershock.kubernetes} section. */
    public static KubernetesSettings from(Settings kubernetes) {
        return new KubernetesSettings(kubernetes.string("namespace").trim(),
                NamespaceAllowlist.parse(kubernetes.string("allowed-namespaces")),
                selector(kubernetes, "redis-selector"),
                selector(kubernetes, "service-selector"),
                url(kubernetes, "service-health-url"),
                selector(kubernetes, "redis-master-selector"),
                kubernetes.duration("ready-timeout"),
                kubernetes.string("redis-workload").trim());
    }

    private static LabelSelector selector(Settings kubernetes, String key) {
        try {
            return LabelSelector.parse(kubernetes.string(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(PREFIX + key + ": " + e.getMessage());
        }
    }

    private static Optional<URI> url(Settings kubernetes, String key) {
        String text = kubernetes.string(key).trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException e) {
            // refused below, with the expected form
        }
        throw new ConfigurationException(PREFIX + key + " '" + text + "' is not an http(s) URL: set it like "
                + "http://api.staging.example.com/health, or leave it empty to probe BASE_URL + the health path");
    }
}
