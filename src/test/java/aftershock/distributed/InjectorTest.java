package aftershock.distributed;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InjectorTest {

    @Test
    void readsItsIndexCountStartAndFolderFromTheSettings() {
        // Given the settings a pod of an Indexed Job would get
        Properties props = new Properties();
        props.setProperty("aftershock.injectors", "3");
        props.setProperty("aftershock.injector.index", "2");
        props.setProperty("aftershock.injector.start-at", "2026-11-30T07:30:00Z");
        props.setProperty("aftershock.injector.folder", "target/run/injector-2");

        // When
        Injector injector = Injector.from(Settings.load(props));

        // Then
        assertThat(injector.describe()).isEqualTo("injector 2 of 3");
        assertThat(injector.conducts()).isFalse();
        assertThat(injector.startAt()).contains(Instant.parse("2026-11-30T07:30:00Z"));
        assertThat(injector.folder()).isEqualTo(Path.of("target/run/injector-2"));
    }

    @Test
    void aRunWithoutTheSettingsHasOneInjectorThatConducts() {
        Injector injector = Injector.from(Settings.load(new Properties()));

        assertThat(injector.distributed()).isFalse();
        assertThat(injector.conducts()).isTrue();
    }

    @Test
    void sharesWholeUsersAndFractionsSoThatThePartsAddUp() {
        long users = 0;
        double rate = 0;
        for (int i = 0; i < 3; i++) {
            users += new Injector(i, 3, java.util.Optional.empty(), null).share(100L);
            rate += new Injector(i, 3, java.util.Optional.empty(), null).share(100.5);
        }
        assertThat(users).isEqualTo(100);
        assertThat(rate).isEqualTo(100.5);
    }

    @Test
    void refusesAnIndexOutsideTheCountInOneLine() {
        Properties props = new Properties();
        props.setProperty("aftershock.injectors", "3");
        props.setProperty("aftershock.injector.index", "3");

        assertThatThrownBy(() -> Injector.from(Settings.load(props)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aftershock.injector.index is 3 with aftershock.injectors=3: the index runs from 0 to 2");
    }

    @Test
    void refusesAStartInstantThatIsNotOne() {
        Properties props = new Properties();
        props.setProperty("aftershock.injectors", "2");
        props.setProperty("aftershock.injector.start-at", "half past seven");

        assertThatThrownBy(() -> Injector.from(Settings.load(props)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("write an ISO-8601 instant");
    }
}
