package aftershock.gatling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.incrementConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static org.assertj.core.api.Assertions.assertThat;

class InjectionPeakTest {

    @Test
    void theSpikeIsThePeakOfAnOpenProfile() {
        double peak = InjectionPeak.usersPerSecond(List.of(
                constantUsersPerSec(50).during(Duration.ofSeconds(60)),
                constantUsersPerSec(500).during(Duration.ofSeconds(30)),
                constantUsersPerSec(50).during(Duration.ofSeconds(120))));

        assertThat(peak).isEqualTo(500.0);
    }

    @Test
    void aRampOfRatesPeaksAtItsHigherEnd() {
        assertThat(InjectionPeak.usersPerSecond(List.of(rampUsersPerSec(5000).to(10).during(Duration.ofSeconds(10)))))
                .isEqualTo(5000.0);
        assertThat(InjectionPeak.usersPerSecond(List.of(nothingFor(Duration.ofSeconds(5)),
                rampUsersPerSec(10).to(2000).during(Duration.ofSeconds(10))))).isEqualTo(2000.0);
    }

    @Test
    void stairsPeakAtTheirLastLevel() {
        double peak = InjectionPeak.usersPerSecond(List.of(incrementUsersPerSec(300).times(4)
                .eachLevelLasting(Duration.ofSeconds(10)).startingFrom(100)));

        assertThat(peak).isEqualTo(1000.0);
    }

    @Test
    void usersAtOnceOrSpreadOverARampCountAsARate() {
        assertThat(InjectionPeak.usersPerSecond(List.of(atOnceUsers(1500)))).isEqualTo(1500.0);
        assertThat(InjectionPeak.usersPerSecond(List.of(rampUsers(3000).during(Duration.ofSeconds(2))))).isEqualTo(1500.0);
    }

    @Test
    void aClosedProfilePeaksAtItsMostConcurrentUsers() {
        int peak = InjectionPeak.concurrentUsers(List.of(
                rampConcurrentUsers(10).to(200).during(Duration.ofSeconds(60)),
                constantConcurrentUsers(150).during(Duration.ofSeconds(180))));

        assertThat(peak).isEqualTo(200);
        assertThat(InjectionPeak.concurrentUsers(List.of(incrementConcurrentUsers(50).times(3)
                .eachLevelLasting(Duration.ofSeconds(10)).startingFrom(20)))).isEqualTo(120);
    }
}
