package aftershock.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static Properties props(String... keyValues) {
        Properties props = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void readsTheDefaultsFromTheFile() {
        Settings sustained = Settings.load(props()).section("sustained-load");

        assertThat(sustained.positiveInt("rate")).isEqualTo(100);
        assertThat(sustained.scaled("duration")).isEqualTo(Duration.ofMinutes(10));
        assertThat(sustained.weights("mix")).containsEntry("jwt-status", 40).containsEntry("health", 20);
    }

    @Test
    void systemPropertiesOverrideTheFile() {
        Settings sustained = Settings.load(props("aftershock.sustained-load.rate", "42")).section("sustained-load");

        assertThat(sustained.positiveInt("rate")).isEqualTo(42);
    }

    @Test
    void aScaledRampIsKeptAtTheFloorAndTheConsoleSaysSo() {
        // Given JwtStress's ramp of 10 -> 200 users in 60 s, scaled to 3 % (1.8 s: 105 users/s)
        List<String> console = new ArrayList<>();
        Settings jwt = Settings.load(props("scale", "0.03")).withConsole(console::add).section("jwt-stress");

        // When it is read as a ramp of users
        Duration ramp = jwt.scaledUsersRamp("ramp", 10, 200);

        // Then it adds no more than 40 users a second: 190 users take 4.75 s
        assertThat(ramp).isEqualTo(Duration.ofMillis(4750));
        assertThat(console).containsExactly("aftershock: ramp aftershock.jwt-stress.ramp kept at 4.8 s"
                + " (floor: 40 users/s) although -Dscale=0.03 asked 1.8 s");
    }

    @Test
    void aRampSlowerThanTheFloorIsScaledAsAnyPhase() {
        List<String> console = new ArrayList<>();
        Settings jwt = Settings.load(props("scale", "0.1")).withConsole(console::add).section("jwt-stress");

        assertThat(jwt.scaledUsersRamp("ramp", 10, 200)).isEqualTo(Duration.ofSeconds(6));
        assertThat(console).isEmpty();
    }

    @Test
    void theFloorNeverMakesARampLongerThanConfigured() {
        // A ramp written as 1 s for 500 users is the user's choice: -Dscale=1 keeps it, -Dscale=0.1 brings it back to it
        Settings root = Settings.load(props("scale", "0.1", "aftershock.jwt-stress.ramp", "1s"));

        assertThat(root.section("jwt-stress").scaledUsersRamp("ramp", 0, 500)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anOpenRampRaisesTheRateByAtMostTheRateFloorEachSecond() {
        // Given a ramp from 50 to 5,050 users/s over 60 s, scaled to 1 % (0.6 s)
        List<String> console = new ArrayList<>();
        Settings root = Settings.load(props("scale", "0.01", "aftershock.spike-load.spike", "60s",
                "aftershock.ramp-floor.rate-per-second", "1000")).withConsole(console::add);

        // Then +5,000 users/s at +1,000 users/s each second take 5 s
        assertThat(root.section("spike-load").scaledRateRamp("spike", 50, 5050)).isEqualTo(Duration.ofSeconds(5));
        assertThat(console).singleElement().asString().contains("floor: +1000 users/s each second");
    }

    @Test
    void aFloorThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> Settings.load(props("aftershock.ramp-floor.users-per-second", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aftershock.ramp-floor.users-per-second must be a positive number, found 0.0");
    }

    @Test
    void scaleShortensPhasesButNeverThresholds() {
        Settings spike = Settings.load(props("scale", "0.05")).section("spike-load");

        assertThat(spike.scaled("spike")).isEqualTo(Duration.ofMillis(1500));
        assertThat(spike.duration("thresholds.p95")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aPhaseAfterAFaultScalesButNotBelowItsFloor() {
        Settings outage = Settings.load(props("scale", "0.05")).section("redis-outage");

        assertThat(outage.scaledAtLeast("after", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(outage.scaledAtLeast("outage", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aMalformedValueIsOneLineNamingTheKeyAndTheFixWhenLoading() {
        assertThatThrownBy(() -> Settings.load(props("aftershock.sustained-load.rate", "fast")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("rate")
                .hasMessageContaining("aftershock.conf")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aNegativeRateIsRefused() {
        Settings sustained = Settings.load(props("aftershock.sustained-load.rate", "-5")).section("sustained-load");

        assertThatThrownBy(() -> sustained.positiveInt("rate"))
                .hasMessage("aftershock.sustained-load.rate must be a positive number, found -5");
    }

    @Test
    void aScaleOutOfRangeIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> Settings.load(props("scale", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("-Dscale=0.05");
    }

    @Test
    void aMalformedDurationNamesTheKeyWhenLoading() {
        assertThatThrownBy(() -> Settings.load(props("aftershock.spike-load.spike", "thirty")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("spike");
    }

    @Test
    void aProjectsOwnAftershockConfAddsItsSectionsAndOverridesOurDefaults(@TempDir Path project) throws Exception {
        // Given a project whose own aftershock.conf comes before Aftershock's jar on the classpath
        Files.writeString(project.resolve("aftershock.conf"),
                "aftershock { built-in { replicas = 1 }, checkout-smoke { rate = 7 } }");
        URL ours = Settings.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader classpath = new URLClassLoader(new URL[]{project.toUri().toURL(), ours}, null)) {
            Thread.currentThread().setContextClassLoader(classpath);

            // When the settings are loaded
            Settings settings = Settings.load(props());

            // Then its own section is there, its value wins, and every other default is still ours
            assertThat(settings.section("checkout-smoke").positiveInt("rate")).isEqualTo(7);
            assertThat(settings.section("built-in").positiveInt("replicas")).isEqualTo(1);
            assertThat(settings.section("sustained-load").positiveInt("rate")).isEqualTo(100);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void aFileOfOnesOwnLayersOverTheDefaultsAndMinusDStillWins(@TempDir Path dir) throws Exception {
        // Given a team's own file that sets two values
        Path staging = dir.resolve("staging.conf");
        Files.writeString(staging, "aftershock { sustained-load { rate = 7, duration = 2m } }");

        // When it is named with -Daftershock.config and one of its values is also given with -D
        Settings sustained = Settings.load(props("aftershock.config", staging.toString(),
                "aftershock.sustained-load.rate", "9")).section("sustained-load");

        // Then -D wins, the file's other value holds, and every other default is still there
        assertThat(sustained.positiveInt("rate")).isEqualTo(9);
        assertThat(sustained.duration("duration")).isEqualTo(Duration.ofMinutes(2));
        assertThat(sustained.weights("mix")).containsEntry("health", 20);
    }

    @Test
    void aMissingFileOfOnesOwnIsRefusedInOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> Settings.load(props("aftershock.config", dir.resolve("nope.conf").toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("nope.conf, which is not a file");
    }

    @Test
    void aTypoInAMinusDKeyIsRefusedNamingTheNearestRealKey() {
        assertThatThrownBy(() -> Settings.load(props("aftershock.sustained-load.rat", "50")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aftershock.sustained-load.rat (-D) is not a setting: did you mean"
                        + " aftershock.sustained-load.rate? fix the name, or remove it");
    }

    @Test
    void aTypoInsideAMixIsRefusedNamingTheNearestEndpoint(@TempDir Path dir) throws Exception {
        // Given a file whose mix names an endpoint that does not exist
        Path staging = dir.resolve("staging.conf");
        Files.writeString(staging, "aftershock.spike-load.mix { helth = 10 }");

        // Then loading it is refused with the real name
        assertThatThrownBy(() -> Settings.load(props("aftershock.config", staging.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("aftershock.spike-load.mix.helth (" + staging + ") is not a setting: did you mean"
                        + " aftershock.spike-load.mix.health?");
    }

    @Test
    void aMixMayWeighAnEndpointOfOnesOwnButATypoInItsNameIsStillRefused() {
        // Given an endpoint of one's own, defined on the command line
        Properties own = props("aftershock.endpoints.place-order.path", "/api/orders",
                "aftershock.sustained-load.mix.place-order", "3", "aftershock.sustained-load.mix.jwt-status", "0");

        // When a mix weighs it, and another mix misspells it
        Settings settings = Settings.load(own);
        own.setProperty("aftershock.spike-load.mix.place-ordr", "1");

        // Then the first is read with its weight, the second refused naming the nearest real key
        assertThat(settings.section("sustained-load").weights("mix")).containsEntry("place-order", 3).containsEntry("jwt-status", 0);
        assertThatThrownBy(() -> Settings.load(own)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("aftershock.spike-load.mix.place-ordr (-D) is not a setting: did you mean");
    }

    @Test
    void aSecretWrittenInAFileOrOnTheCommandLineIsRefusedWithoutEchoingIt(@TempDir Path dir) throws Exception {
        Path staging = dir.resolve("staging.conf");
        Files.writeString(staging, "aftershock.target.auth.oidc.client-secret = s3cr3t-in-file");

        assertThatThrownBy(() -> Settings.load(props("aftershock.config", staging.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is a secret").hasMessageContaining("OIDC_CLIENT_SECRET")
                .hasMessageNotContaining("s3cr3t-in-file");
        assertThatThrownBy(() -> Settings.load(props("aftershock.target.admin-password", "s3cr3t-on-command-line")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ADMIN_PASSWORD")
                .hasMessageNotContaining("s3cr3t-on-command-line");
    }

    @Test
    void theOldJwtStressAuthKeyIsAnAliasOfTheAuthModeAndSaysSo() {
        Settings settings = Settings.load(props("aftershock.jwt-stress.auth", "oidc"));

        assertThat(settings.section("target").section("auth").string("mode")).isEqualTo("oidc");
    }

    @Test
    void propertiesTheProgramReadsItselfAreNotTypos() {
        Settings settings = Settings.load(props("aftershock.results", "target/x", "aftershock.recording", "false",
                "aftershock.injector.index", "0"));

        assertThat(settings.scale()).isEqualTo(1.0);
    }
}
