package aftershock.run;

import aftershock.config.Settings;
import aftershock.gatling.InjectionPeak;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpTest {

    private static WarmUp defaults() {
        return WarmUp.from(Settings.load(new Properties()).section("warm-up"));
    }

    @Test
    void theDefaultsWarmUpFor5SecondsAbove1000UsersPerSecondOr100Users() {
        assertThat(defaults()).isEqualTo(new WarmUp(Duration.ofSeconds(5), 1000, 100));
    }

    @Test
    void anOpenProfileWarmsUpOnlyAboveTheRate() {
        WarmUp warmUp = defaults();

        assertThat(warmUp.forOpen(5000)).hasValue("open model peaking at 5000 users/s, more than 1000");
        assertThat(warmUp.forOpen(1000)).isEmpty();
        // SpikeLoad peaks at 500 users/s, SustainedLoad at 100, the resilience simulations at 50
        assertThat(warmUp.forOpen(500)).isEmpty();
        assertThat(warmUp.forOpen(100)).isEmpty();
    }

    @Test
    void aClosedProfileWarmsUpOnlyAboveTheUsers() {
        WarmUp warmUp = defaults();

        // JwtStress peaks at 200 concurrent users
        assertThat(warmUp.forClosed(200)).hasValue("closed model of 200 users, more than 100");
        assertThat(warmUp.forClosed(100)).isEmpty();
    }

    @Test
    void theWarmUpRampsFromOneUserToThePeakOverItsWholeDuration() {
        WarmUp warmUp = defaults();

        assertThat(InjectionPeak.concurrentUsers(warmUp.closedSteps(200))).isEqualTo(200);
        assertThat(warmUp.closedSteps(200)).singleElement().extracting(step -> step.asScala().duration().toMillis())
                .isEqualTo(5000L);
        assertThat(InjectionPeak.usersPerSecond(warmUp.openSteps(5000))).isEqualTo(5000.0);
        assertThat(warmUp.openSteps(5000)).singleElement().extracting(step -> step.asScala().duration().toMillis())
                .isEqualTo(5000L);
    }

    @Test
    void thresholdsAndDurationAreConfigurableAndZeroTurnsTheWarmUpOff() {
        Properties overrides = new Properties();
        overrides.setProperty("aftershock.warm-up.above-users-per-second", "200");
        overrides.setProperty("aftershock.warm-up.above-concurrent-users", "10");
        overrides.setProperty("aftershock.warm-up.duration", "2s");
        WarmUp configured = WarmUp.from(Settings.load(overrides).section("warm-up"));
        overrides.setProperty("aftershock.warm-up.duration", "0");
        WarmUp off = WarmUp.from(Settings.load(overrides).section("warm-up"));

        assertThat(configured.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(configured.forOpen(500)).isPresent();
        assertThat(configured.forClosed(11)).isPresent();
        assertThat(off.forOpen(1_000_000)).isEmpty();
        assertThat(off.forClosed(10_000)).isEmpty();
    }
}
