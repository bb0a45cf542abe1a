package aftershock.auth;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret setting: the value of its environment variable (substituted in aftershock.conf), or the content of the file
 * its {@code -file} key names. Never printed: {@link #toString()} hides it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Reads {@code key}, or the file named by {@code key-file} when that is set (the file wins). */
    public static Secret read(Settings section, String key) {
        String file = section.string(key + "-file").trim();
        if (file.isEmpty()) {
            return new Secret(section.string(key));
        }
        try {
            return new Secret(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new ConfigurationException(key + "-file names " + Path.of(file).toAbsolutePath() + ", which cannot be"
                    + " read (" + e.getClass().getSimpleName() + "): point it at the file that holds the " + key);
        }
    }

    public String value() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "(secret)";
    }
}
