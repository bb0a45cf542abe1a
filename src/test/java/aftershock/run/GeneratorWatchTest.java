package aftershock.run;

import aftershock.config.Settings;
import aftershock.verdict.GeneratorLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorWatchTest {

    @Test
    void theShippedConfigurationSetsTheDocumentedDefaultLimits() {
        // Given the packaged aftershock.conf, nothing overridden
        Settings generator = Settings.load(new Properties()).section("generator");

        // When
        GeneratorLimits limits = GeneratorWatch.limits(generator);

        // Then what a run is judged on is what GeneratorLimits.defaults() documents (and the benchmark's plain
        // Gatling run is judged on)
        assertThat(limits).isEqualTo(GeneratorLimits.defaults());
    }

    @Test
    void eachLimitCanBeSetOnTheCommandLine() {
        Properties overrides = new Properties();
        overrides.setProperty("aftershock.generator.start-grace", "2s");
        overrides.setProperty("aftershock.generator.max-late-percent", "5");

        GeneratorLimits limits = GeneratorWatch.limits(Settings.load(overrides).section("generator"));

        assertThat(limits.startGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(limits.maxLatePercent()).isEqualTo(5.0);
    }
}
