package aftershock.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FiredByConductorTest {

    @Test
    void plansAsManyKillsAsInjectorZeroSoThatTheLoadLastsAsLong() {
        FiredByConductor platform = new FiredByConductor("injector 2 of 3", 2);

        assertThat(platform.podKills(Platform.KillPlan.EACH)).hasSize(2);
        assertThat(platform.podKills(Platform.KillPlan.ONE)).hasSize(1);
        assertThat(platform.podKills(Platform.KillPlan.ALL)).hasSize(1);
    }

    @Test
    void neverFiresOrProbesAFaultItself() {
        PlannedFault kill = new FiredByConductor("injector 2 of 3", 2).podKills(Platform.KillPlan.ONE).get(0);

        assertThatThrownBy(() -> kill.fault().inject()).isInstanceOf(IllegalStateException.class)
                .hasMessage("injector 2 of 3 fired pod-kill: only injector 0 fires faults");
        assertThatThrownBy(() -> kill.probe().check()).isInstanceOf(IllegalStateException.class);
        kill.fault().restore();
        assertThat(kill.fault().isActive()).isFalse();
    }
}
