package aftershock.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * The keys under {@code aftershock} that exist: those of every {@code aftershock.conf} on the classpath (ours and a
 * project's own). A key set with {@code -D} or in a {@code -Daftershock.config} file that is not one of them is a
 * typo, refused with the nearest real key; a secret set there is refused too, since secrets come only from the
 * environment or a file.
 *
 * <pre>
 *   KnownKeys.of(defaults).check(overrides, "-D");   // throws: ... did you mean aftershock.sustained-load.rate?
 * </pre>
 */
final class KnownKeys {

    /** Read by the program itself, not from the configuration. */
    private static final Set<String> PROGRAM_PROPERTIES = Set.of("config", "results", "recording");
    private static final Set<String> PROGRAM_PREFIXES = Set.of("injector.");
    /** The user's own endpoints: their names are theirs, their fields are checked where they are read. */
    static final String ENDPOINTS = "endpoints";
    private static final String MIX = ".mix.";

    /** Secrets: each comes from its environment variable or from its {@code -file} key, never from a value written down. */
    static final Map<String, String> SECRETS = Map.of(
            "target.admin-password", "ADMIN_PASSWORD",
            "target.auth.oidc.client-secret", "OIDC_CLIENT_SECRET",
            "target.auth.header.value", "API_KEY");

    private final Config defaults;

    private KnownKeys(Config defaults) {
        this.defaults = defaults;
    }

    /** The keys of {@code defaults}, the merged classpath files under {@code aftershock}. */
    static KnownKeys of(Config defaults) {
        return new KnownKeys(defaults);
    }

    /** True for properties the program reads itself ({@code aftershock.results}, ...), which no file holds. */
    static boolean isProgramProperty(String keyUnderRoot) {
        return PROGRAM_PROPERTIES.contains(keyUnderRoot) || PROGRAM_PREFIXES.stream().anyMatch(keyUnderRoot::startsWith);
    }

    /**
     * Refuses the first key of {@code overrides} (under {@code aftershock}) that does not exist, or that is a secret.
     *
     * @param source where the overrides came from, for the message ("-D", "staging.conf")
     */
    void check(Config overrides, String source) {
        check(overrides, source, Set.of());
    }

    /**
     * The same, where a mix may also weigh the user's own endpoints, {@code ownEndpoints}, and where anything under
     * {@code endpoints.<name>} is the user's (its fields are checked when the endpoint is read).
     */
    void check(Config overrides, String source, Set<String> ownEndpoints) {
        for (Map.Entry<String, ConfigValue> entry : overrides.entrySet()) {
            String key = entry.getKey();
            if (isProgramProperty(key) || key.startsWith(ENDPOINTS + ".") || weighsOwnEndpoint(key, ownEndpoints)) {
                continue;
            }
            if (!defaults.hasPathOrNull(key)) {
                throw new ConfigurationException(Settings.ROOT + "." + key + " (" + source + ") is not a setting: did you mean "
                        + Settings.ROOT + "." + nearest(key) + "? fix the name, or remove it");
            }
            if (SECRETS.containsKey(key)) {
                throw new ConfigurationException(Settings.ROOT + "." + key + " (" + source + ") is a secret, and secrets are"
                        + " never written in a file or on the command line: set the environment variable "
                        + SECRETS.get(key) + ", or name a file holding it with " + Settings.ROOT + "." + key + "-file");
            }
        }
    }

    private static boolean weighsOwnEndpoint(String key, Set<String> ownEndpoints) {
        int mix = key.lastIndexOf(MIX);
        return mix >= 0 && ownEndpoints.contains(unquoted(key.substring(mix + MIX.length())));
    }

    private static String unquoted(String name) {
        return name.length() > 1 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }

    /** The existing key closest to {@code typo} in edit distance. */
    String nearest(String typo) {
        return defaults.entrySet().stream()
                .map(Map.Entry::getKey)
                .min(Comparator.comparingInt((String known) -> distance(typo, known)).thenComparing(Comparator.naturalOrder()))
                .orElse("scale");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
