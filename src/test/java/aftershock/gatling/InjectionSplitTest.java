package aftershock.gatling;

import aftershock.config.ConfigurationException;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InjectionSplitTest {

    @Test
    void sharesAConstantRateWithTheRemainderOnTheLowestIndexes() {
        // Given 100 users/s for 30 s
        List<OpenInjectionStep> profile = List.of(constantUsersPerSec(100).during(30));

        // When three injectors split it
        List<Long> users = IntStream.range(0, 3)
                .mapToObj(i -> InjectionSplit.open(profile, i, 3).get(0).asScala().users()).toList();

        // Then 34, 33 and 33 users/s, 3,000 users in all, as the whole profile injects
        assertThat(users).containsExactly(34L * 30, 33L * 30, 33L * 30);
        assertThat(users.stream().mapToLong(Long::longValue).sum()).isEqualTo(profile.get(0).asScala().users());
    }

    @Test
    void everySecondOfTheSplitPlansAddsUpToThePlanOfTheWholeProfile() {
        // Given a pause, a ramp, stairs, a fractional rate and users at once
        List<OpenInjectionStep> profile = List.of(nothingFor(1), rampUsersPerSec(10).to(101).during(4),
                incrementUsersPerSec(7).times(3).eachLevelLasting(2).startingFrom(20), constantUsersPerSec(12.5).during(2),
                atOnceUsers(8), rampUsers(50).during(3));

        // When four injectors split it
        List<Double> whole = InjectionPlan.usersPerSecond(profile);
        double[] summed = new double[whole.size()];
        for (int i = 0; i < 4; i++) {
            List<Double> part = InjectionPlan.usersPerSecond(InjectionSplit.open(profile, i, 4));
            assertThat(part).hasSize(whole.size());
            for (int s = 0; s < part.size(); s++) {
                summed[s] += part.get(s);
            }
        }

        // Then the four plans add up to the whole one, second by second
        for (int s = 0; s < whole.size(); s++) {
            assertThat(summed[s]).as("second %d", s).isCloseTo(whole.get(s), within(1e-6));
        }
    }

    @Test
    void sharesAClosedProfileExactly() {
        // Given a ramp from 10 to 200 concurrent users, then 200 held
        List<ClosedInjectionStep> profile = List.of(rampConcurrentUsers(10).to(200).during(Duration.ofSeconds(20)),
                constantConcurrentUsers(200).during(Duration.ofSeconds(30)));

        // When three injectors split it
        int peakSum = 0;
        for (int i = 0; i < 3; i++) {
            peakSum += InjectionPeak.concurrentUsers(InjectionSplit.closed(profile, i, 3));
        }

        // Then their peaks add up to 200 (67, 67, 66)
        assertThat(peakSum).isEqualTo(200);
        assertThat(InjectionPeak.concurrentUsers(InjectionSplit.closed(profile, 0, 3))).isEqualTo(67);
    }

    @Test
    void refusesARateSomeInjectorWouldGetNoUserOf() {
        // Given 2 users/s, which 3 injectors cannot share
        List<OpenInjectionStep> profile = List.of(constantUsersPerSec(2).during(10));

        // Then splitting it is refused in one line naming the idle injector
        assertThatThrownBy(() -> InjectionSplit.open(profile, 0, 3))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("aftershock.injectors=3 cannot split")
                .hasMessageContaining("injector 2 would send no request")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesAClosedProfileOfFewerUsersThanInjectors() {
        assertThatThrownBy(() -> InjectionSplit.closed(List.of(constantConcurrentUsers(2).during(10)), 1, 3))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("use at most 2 injectors");
    }

    @Test
    void oneInjectorKeepsTheProfileAsItIs() {
        List<OpenInjectionStep> profile = List.of(constantUsersPerSec(1).during(10));

        assertThat(InjectionSplit.open(profile, 0, 1)).isSameAs(profile);
    }
}
