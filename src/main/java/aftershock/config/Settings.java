package aftershock.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Aftershock's configuration: {@code aftershock.conf} in Aftershock's jar, overridden by {@code -D} properties
 * and environment variables. A project that uses Aftershock as a library adds its own {@code aftershock.conf}
 * (in src/test/resources): every file of that name on the classpath is merged, the first one found winning. A team's
 * own file, named by {@code -Daftershock.config} or AFTERSHOCK_CONFIG, is layered over them, and {@code -D} wins over
 * it. A key in that file or in a {@code -D} that is not a setting is refused naming the nearest real key
 * ({@link KnownKeys}), and so is a secret written there.
 * Durations read with {@link #scaled} shrink with {@code -Dscale=F}; thresholds, read with {@link #duration},
 * never do. Ramps, read with {@link #scaledUsersRamp} and {@link #scaledRateRamp}, shrink no faster than
 * {@code aftershock.ramp-floor} allows. A bad value, malformed or out of range, is thrown as a {@link ConfigurationException} whose
 * message is the one line the user sees.
 *
 * <pre>
 *   Settings settings = Settings.load().section("sustained-load");
 *   int rate = settings.positiveInt("rate");
 *   Duration during = settings.scaled("duration");
 * </pre>
 */
public final class Settings {

    static final String ROOT = "aftershock";
    private static final String FILE = "aftershock.conf";
    private static final String OWN_FILE = ROOT + ".config";

    private final Config config;
    private final String path;
    private final double scale;
    private final RampFloor rampFloor;
    private final Consumer<String> console;

    private Settings(Config config, String path, double scale, RampFloor rampFloor, Consumer<String> console) {
        this.config = config;
        this.path = path;
        this.scale = scale;
        this.rampFloor = rampFloor;
        this.console = console;
    }

    /**
     * The fastest a ramp may become under {@code -Dscale}: a warm JVM takes this much, a faster one is a storm.
     *
     * @param usersPerSecond concurrent users a closed-model ramp adds per second, at most
     * @param ratePerSecond  users/s an open-model ramp raises its arrival rate by per second, at most
     */
    public record RampFloor(double usersPerSecond, double ratePerSecond) {
    }

    /**
     * Loads the file with the JVM's system properties and environment on top; {@code AFTERSHOCK_CONFIG} names a file of
     * one's own when {@code -Daftershock.config} does not.
     */
    public static Settings load() {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        String ownFile = System.getenv("AFTERSHOCK_CONFIG");
        if (props.getProperty(OWN_FILE) == null && ownFile != null && !ownFile.isBlank()) {
            props.setProperty(OWN_FILE, ownFile);
        }
        return load(props);
    }

    /** Loads the file with the given properties on top ({@code scale} is short for {@code aftershock.scale}). */
    public static Settings load(Properties overrides) {
        Properties props = new Properties();
        props.putAll(overrides);
        if (props.getProperty("scale") != null) {
            props.setProperty(ROOT + ".scale", props.getProperty("scale"));
        }
        props.remove("scale");
        try {
            Config defaults = ConfigFactory.parseResources(FILE);
            KnownKeys known = KnownKeys.of(defaults.resolve().getConfig(ROOT));
            Config ownFile = OwnFile.parse(props.getProperty(OWN_FILE));
            Config commandLine = ConfigFactory.parseProperties(onlyOurs(props));
            Set<String> ownEndpoints = ownEndpoints(commandLine.withFallback(ownFile).withFallback(defaults));
            known.check(ownFile.hasPath(ROOT) ? ownFile.getConfig(ROOT) : ownFile, props.getProperty(OWN_FILE), ownEndpoints);
            known.check(commandLine.hasPath(ROOT) ? commandLine.getConfig(ROOT) : commandLine, "-D", ownEndpoints);
            Config config = Aliases.apply(commandLine.withFallback(ownFile).withFallback(defaults).resolve().getConfig(ROOT),
                    System.out::println);
            sameKindsAsDefaults(config, defaults.resolve().getConfig(ROOT));
            double scale = config.getDouble("scale");
            if (!(scale > 0 && scale <= 10)) {
                throw new ConfigurationException("scale " + scale + " is out of range: use a factor between 0 and 10,"
                        + " for example -Dscale=0.05 for a quick try");
            }
            RampFloor floor = new RampFloor(positive(config, "ramp-floor.users-per-second"),
                    positive(config, "ramp-floor.rate-per-second"));
            return new Settings(config, ROOT, scale, floor, System.out::println);
        } catch (ConfigException e) {
            throw explain(e);
        }
    }

    /** The names under {@code aftershock.endpoints} in any layer: the user's own endpoints, which a mix may weigh. */
    private static Set<String> ownEndpoints(Config merged) {
        String endpoints = ROOT + "." + KnownKeys.ENDPOINTS;
        return merged.hasPath(endpoints) && merged.getValue(endpoints) instanceof ConfigObject object
                ? object.keySet() : Set.of();
    }

    /**
     * Every value must be of the kind its default is (number, boolean, duration), so a malformed override is
     * refused when the run opens, before any load, not halfway through building a simulation.
     */
    private static void sameKindsAsDefaults(Config config, Config defaults) {
        for (Map.Entry<String, ConfigValue> entry : defaults.entrySet()) {
            String key = entry.getKey();
            if (!config.hasPath(key)) {
                continue;
            }
            switch (entry.getValue().valueType()) {
                case NUMBER -> config.getDouble(key);
                case BOOLEAN -> config.getBoolean(key);
                case STRING -> {
                    if (isDuration(defaults, key)) {
                        config.getDuration(key);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static double positive(Config config, String key) {
        double value = config.getDouble(key);
        if (!(value > 0)) {
            throw new ConfigurationException(ROOT + "." + key + " must be a positive number, found " + value);
        }
        return value;
    }

    private static boolean isDuration(Config defaults, String key) {
        String text = defaults.getString(key);
        if (text.isBlank() || !Character.isDigit(text.charAt(0))) {
            return false;
        }
        try {
            defaults.getDuration(key);
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    private static Properties onlyOurs(Properties props) {
        Properties ours = new Properties();
        props.stringPropertyNames().stream()
                .filter(name -> name.startsWith(ROOT + "."))
                .forEach(name -> ours.setProperty(name, props.getProperty(name)));
        return ours;
    }

    /** The settings under {@code name}, for example {@code section("spike-load")}. */
    /**
     * A SHA-256 of the whole effective configuration (defaults, own file and {@code -D} merged), with the secrets
     * left out: two runs with the same hash ran with the same settings, and the hash reveals no password.
     */
    public String fingerprint() {
        return fingerprint(config);
    }

    static String fingerprint(Config config) {
        Config withoutSecrets = config;
        for (String secret : KnownKeys.SECRETS.keySet()) {
            withoutSecrets = withoutSecrets.withoutPath(secret);
        }
        String rendered = withoutSecrets.root().render(ConfigRenderOptions.concise().setJson(true));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rendered.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public Settings section(String name) {
        return new Settings(read(() -> config.getConfig(name), name), path + "." + name, scale, rampFloor, console);
    }

    /** The same settings, printing their console lines (a ramp kept at its floor) to {@code console}. */
    Settings withConsole(Consumer<String> console) {
        return new Settings(config, path, scale, rampFloor, console);
    }

    public RampFloor rampFloor() {
        return rampFloor;
    }

    public double scale() {
        return scale;
    }

    /** True when {@code key} is set (to anything, even an empty text). */
    public boolean has(String key) {
        return config.hasPath(key);
    }

    /**
     * The names directly under {@code key}, sorted (an empty list when nothing is there), for example
     * the user's endpoints under {@code endpoints}.
     */
    public List<String> names(String key) {
        if (!config.hasPath(key)) {
            return List.of();
        }
        if (!(config.getValue(key) instanceof ConfigObject object)) {
            throw bad(where(key) + " must be a block of named settings like " + key + " { name { ... } }, found "
                    + config.getValue(key).valueType().name().toLowerCase(Locale.ROOT));
        }
        return object.keySet().stream().sorted().toList();
    }

    /** The full name of {@code key} in this section, for messages: {@code aftershock.endpoints.orders.path}. */
    public String where(String key) {
        return path + "." + key;
    }

    public String string(String key) {
        return read(() -> config.getString(key), key);
    }

    public boolean flag(String key) {
        return read(() -> config.getBoolean(key), key);
    }

    public List<String> strings(String key) {
        return read(() -> config.getStringList(key), key);
    }

    public int positiveInt(String key) {
        int value = read(() -> config.getInt(key), key);
        if (value <= 0) {
            throw bad(where(key) + " must be a positive number, found " + value);
        }
        return value;
    }

    public int nonNegativeInt(String key) {
        int value = read(() -> config.getInt(key), key);
        if (value < 0) {
            throw bad(where(key) + " must be 0 or more, found " + value);
        }
        return value;
    }

    public double number(String key) {
        return read(() -> config.getDouble(key), key);
    }

    /** A duration as written, never scaled: use for thresholds and timeouts. */
    public Duration duration(String key) {
        Duration value = read(() -> config.getDuration(key), key);
        if (value.isNegative()) {
            throw bad(where(key) + " must not be negative, found " + value);
        }
        return value;
    }

    /** A phase length multiplied by the time-scale knob (never below 1 ms). */
    public Duration scaled(String key) {
        Duration value = duration(key);
        long millis = Math.max(1, Math.round(value.toMillis() * scale));
        return Duration.ofMillis(millis);
    }

    /**
     * A phase after a fault: scaled like {@link #scaled}, but never shorter than {@code floor}, because recovery
     * takes real time and a phase that ends before it would leave the after-fault verdict without requests.
     */
    public Duration scaledAtLeast(String key, Duration floor) {
        Duration value = scaled(key);
        return value.compareTo(floor) < 0 ? floor : value;
    }

    /**
     * A closed-model ramp from {@code fromUsers} to {@code toUsers} concurrent users: scaled like {@link #scaled},
     * but never shorter than adding {@code aftershock.ramp-floor.users-per-second} users a second takes (nor than
     * the ramp as written, when that is shorter: -Dscale never makes a ramp steeper than its configuration).
     */
    public Duration scaledUsersRamp(String key, int fromUsers, int toUsers) {
        return scaledRamp(key, Math.abs(toUsers - fromUsers) / rampFloor.usersPerSecond(),
                String.format(Locale.ROOT, "%s users/s", number(rampFloor.usersPerSecond())));
    }

    /**
     * An open-model ramp of the arrival rate from {@code fromUsersPerSecond} to {@code toUsersPerSecond}: scaled
     * like {@link #scaled}, but never steeper than raising the rate by {@code aftershock.ramp-floor.rate-per-second}
     * users/s a second (nor than the ramp as written).
     */
    public Duration scaledRateRamp(String key, double fromUsersPerSecond, double toUsersPerSecond) {
        return scaledRamp(key, Math.abs(toUsersPerSecond - fromUsersPerSecond) / rampFloor.ratePerSecond(),
                String.format(Locale.ROOT, "+%s users/s each second", number(rampFloor.ratePerSecond())));
    }

    private Duration scaledRamp(String key, double floorSeconds, String floorText) {
        Duration asked = scaled(key);
        Duration floor = Duration.ofMillis(Math.round(floorSeconds * 1000));
        Duration written = duration(key);
        Duration kept = floor.compareTo(written) > 0 ? written : floor;
        if (kept.compareTo(asked) <= 0) {
            return asked;
        }
        console.accept(String.format(Locale.ROOT, "aftershock: ramp %s kept at %.1f s (floor: %s) although -Dscale=%s"
                + " asked %.1f s", where(key), kept.toMillis() / 1000.0, floorText, number(scale), asked.toMillis() / 1000.0));
        return kept;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    /** Relative weights such as {@code mix { jwt-status = 40, health = 20 }}, keyed by name. */
    public Map<String, Integer> weights(String key) {
        Config mix = read(() -> config.getConfig(key), key);
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> entry : mix.root().entrySet()) {
            int weight = read(() -> mix.getInt(entry.getKey()), key + "." + entry.getKey());
            if (weight < 0) {
                throw bad(where(key + "." + entry.getKey()) + " must be 0 or more, found " + weight);
            }
            weights.put(entry.getKey(), weight);
        }
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw bad(where(key) + " needs at least one positive weight");
        }
        return weights;
    }

    private <T> T read(java.util.function.Supplier<T> reader, String key) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            throw explain(e);
        }
    }

    private static ConfigurationException bad(String message) {
        return new ConfigurationException(message);
    }

    private static ConfigurationException explain(ConfigException e) {
        return new ConfigurationException("bad configuration: " + e.getMessage()
                + " (fix it in " + FILE + " or in the -D override)", e);
    }
}
