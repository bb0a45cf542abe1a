package aftershock.platform;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.client.Http;
import aftershock.system.Target;
import aftershock.client.TargetPaths;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformsTest {

    private static final Http HTTP = new Http(Duration.ofSeconds(1));

    @Test
    void localPlatformRefusesFaultsOnAUsersOwnSystem() {
        // Given the user's own system (BASE_URL set: nothing is started) and the default platform
        Settings root = settings("aftershock.target.base-url", "http://localhost:3001");
        Target usersOwn = Target.start(root, Target.Needs.STANDALONE);

        // When / Then
        assertThatThrownBy(() -> Platforms.choose(root, usersOwn, HTTP, paths(root)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("faults on your own system (BASE_URL) need aftershock.platform=kubernetes and a namespace, "
                        + "or aftershock.platform=command and your own commands: local faults only touch the built-in"
                        + " target's processes");
    }

    @Test
    void unknownPlatformIsOneClearLine() {
        // Given
        Settings root = settings("aftershock.target.base-url", "http://localhost:3001", "aftershock.platform", "docker");
        Target usersOwn = Target.start(root, Target.Needs.STANDALONE);

        // When / Then
        assertThatThrownBy(() -> Platforms.choose(root, usersOwn, HTTP, paths(root)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aftershock.platform is 'docker': use local (the built-in target's processes), "
                        + "kubernetes (pods, through fabric8) or command (your own commands, aftershock.command.<fault>)");
    }

    @Test
    void kubernetesPlatformChecksItsSettingsBeforeConnecting() {
        // Given platform=kubernetes with no namespace
        Settings root = settings("aftershock.target.base-url", "http://localhost:3001",
                "aftershock.platform", "kubernetes");
        Target usersOwn = Target.start(root, Target.Needs.STANDALONE);

        // When / Then
        assertThatThrownBy(() -> Platforms.choose(root, usersOwn, HTTP, paths(root)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("aftershock.kubernetes.namespace is empty");
    }

    private static Settings settings(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.load(properties);
    }

    private static TargetPaths paths(Settings root) {
        return TargetPaths.from(root.section("target").section("paths"));
    }
}
