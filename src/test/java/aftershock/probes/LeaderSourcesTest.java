package aftershock.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.client.PreflightException;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LeaderSourcesTest {

    private static final URI BASE_URL = URI.create("http://127.0.0.1:9/api/");

    private static Settings leader(String... keyValues) {
        Properties overrides = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.setProperty("aftershock.leader." + keyValues[i], keyValues[i + 1]);
        }
        return Settings.load(overrides).section("leader");
    }

    private static LeaderSources sources(Settings leader, String targetRedis) {
        return LeaderSources.fromSettings(leader, targetRedis, BASE_URL, new Http(Duration.ofMillis(500)), () -> Credentials.NONE, "");
    }

    @Test
    void anUnknownSourceIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> sources(leader("holder-source", "zookeeper"), "127.0.0.1:6379"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aftershock.leader.holder-source is 'zookeeper': write redis (a key naming the holder), http (a GET"
                        + " answering it) or lease (a Kubernetes Lease)");
    }

    @Test
    void aRedisSourceWithoutAnyRedisAddressSaysWhichSettingToSet() {
        assertThatThrownBy(() -> sources(leader(), ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("set aftershock.leader.redis-address (or REDIS_ADDRESS) to host:port");
    }

    @Test
    void aLeaseWithoutANamespaceIsRefused() {
        assertThatThrownBy(() -> sources(leader("holder-source", "lease", "lease-name", "billing-leader"), "127.0.0.1:6379"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs aftershock.leader.lease-name and aftershock.kubernetes.namespace");
    }

    @Test
    void httpSourcesResolveUnderTheBaseUrlAndAnUnreachableOneFailsTheCheckBeforeAnyLoad() {
        // Given both sources over HTTP under a BASE_URL where nothing listens
        try (LeaderSources leader = sources(leader("holder-source", "http", "runs-source", "http"), "")) {
            assertThat(leader.holder().describe()).isEqualTo("GET http://127.0.0.1:9/api/api/leader /holder");
            assertThat(leader.runs().describe()).isEqualTo("GET http://127.0.0.1:9/api/api/leader/runs /runs");

            // Then the check says which source could not be read and what to check
            assertThatThrownBy(leader::checked).isInstanceOf(PreflightException.class)
                    .hasMessageStartingWith("cannot read who leads from GET http://127.0.0.1:9/api/api/leader /holder")
                    .hasMessageEndingWith("check aftershock.leader.holder-source and the setting it names");
        }
    }
}
