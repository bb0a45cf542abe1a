package aftershock.probes;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SentinelFailover on the user's own system needs their Sentinels: missing or malformed is one line, before any load. */
class SentinelWritesTest {

    @Test
    void withoutSentinelsOrMasterNameTheUsersSystemIsRefusedWithWhatToSet() {
        // Given BASE_URL and no Sentinel settings
        Settings target = target("aftershock.target.sentinels", "10.0.0.7:26379");

        // When / Then
        assertThatThrownBy(() -> SentinelWrites.fromSettings(target))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("SentinelFailover on your own system writes through your Sentinels: set"
                        + " aftershock.target.sentinels to their addresses (host:port,host:port) and"
                        + " aftershock.target.master-name to the master's name (SENTINEL masters lists it); found sentinels"
                        + " '10.0.0.7:26379' and master-name ''");
    }

    @Test
    void aSentinelAddressWithoutPortIsRefused() {
        // Given
        Settings target = target("aftershock.target.sentinels", "10.0.0.7:26379, sentinel-b",
                "aftershock.target.master-name", "mymaster");

        // When / Then
        assertThatThrownBy(() -> SentinelWrites.fromSettings(target))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aftershock.target.sentinels holds 'sentinel-b', not host:port: write each Sentinel's address,"
                        + " comma-separated, like 10.0.0.7:26379,10.0.0.8:26379");
    }

    private static Settings target(String... keysAndValues) {
        Properties properties = new Properties();
        properties.setProperty("aftershock.target.base-url", "http://127.0.0.1:3001");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.load(properties).section("target");
    }
}
