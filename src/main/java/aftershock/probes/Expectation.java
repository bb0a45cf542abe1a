package aftershock.probes;

import aftershock.config.ConfigurationException;
import java.util.Locale;

/**
 * What the user's Redis holds, and so what a Redis fault may cost ({@code aftershock.integrity.expect}).
 *
 * <pre>
 *   Expectation expect = Expectation.parse(settings("integrity").string("expect"));
 *   if (expect.judgesLosses()) { ... a lost value FAILs ... }
 * </pre>
 */
public enum Expectation {
    /** Data that must survive a Redis crash (sessions, API keys, refresh tokens): every lost value FAILs. */
    DURABLE,
    /** Data that may be lost (a rate-limit cache): losses are reported, and what is derived from it must be re-created. */
    CACHE;

    /** Parses "durable" or "cache"; anything else is one line saying what to write. */
    public static Expectation parse(String text) {
        for (Expectation expectation : values()) {
            if (expectation.key().equalsIgnoreCase(text.trim())) {
                return expectation;
            }
        }
        throw new ConfigurationException("aftershock.integrity.expect is '" + text + "': write durable (data that must"
                + " survive a Redis crash, like sessions) or cache (data that may be lost, like a rate-limit cache)");
    }

    /** "durable" or "cache", as users write it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a lost value FAILs the run; false when it is only reported. */
    public boolean judgesLosses() {
        return this == DURABLE;
    }
}
