package aftershock.config;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    @Test
    void theSameSettingsGiveTheSameHashAndAnotherValueAnotherHash() {
        // Given the defaults, and the defaults with another rate
        Properties other = new Properties();
        other.setProperty("aftershock.sustained-load.rate", "51");

        // When both are hashed, twice
        String first = Settings.load(new Properties()).fingerprint();
        String again = Settings.load(new Properties()).fingerprint();
        String changed = Settings.load(other).fingerprint();

        // Then only the changed value changes the hash
        assertThat(first).startsWith("sha256:").hasSize("sha256:".length() + 64).isEqualTo(again);
        assertThat(changed).isNotEqualTo(first);
    }

    @Test
    void secretsLeaveTheHashUnchangedAndDoNotAppearInIt() {
        // Given two configurations that differ only in their secrets
        String settings = "sustained-load.rate = 100, target { admin-password = %s, auth.oidc.client-secret = %s,"
                + " auth.header.value = %s }";
        String one = Settings.fingerprint(ConfigFactory.parseString(settings.formatted("hunter2", "s1", "k1")));
        String two = Settings.fingerprint(ConfigFactory.parseString(settings.formatted("swordfish", "s2", "k2")));

        // Then the hash is the same, and is not one of the secrets
        assertThat(one).isEqualTo(two).doesNotContain("hunter2");
        assertThat(Settings.fingerprint(ConfigFactory.parseString("sustained-load.rate = 99"))).isNotEqualTo(one);
    }
}
