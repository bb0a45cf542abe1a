package aftershock.gatling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InjectionPlanTest {

    @Test
    void plansEachSecondOfAProfileFromGatlingsOwnSteps() {
        // Given a pause, a ramp from 0 to 100 users/s over 2 s, then 100 users/s for 2 s
        List<Double> plan = InjectionPlan.usersPerSecond(List.of(nothingFor(1), rampUsersPerSec(0).to(100).during(2),
                constantUsersPerSec(100).during(2)));

        // Then
        assertThat(plan).hasSize(5);
        assertThat(plan.get(0)).isZero();
        assertThat(plan.get(1)).isCloseTo(25, within(0.01));
        assertThat(plan.get(2)).isCloseTo(75, within(0.01));
        assertThat(plan.get(3)).isCloseTo(100, within(0.01));
        assertThat(plan.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(300, within(0.01));
    }

    @Test
    void aRateOverAFractionOfASecondPlansTheUsersGatlingInjects() {
        // Given a scaled spike: 500 users/s during 1.5 s
        var spike = constantUsersPerSec(500).during(Duration.ofMillis(1500));

        // When it is planned
        List<Double> plan = InjectionPlan.usersPerSecond(List.of(spike));

        // Then it plans the users Gatling's own step injects, spread over the 1.5 s
        assertThat(plan.stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo((double) spike.asScala().users(), within(0.01));
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0)).isCloseTo(plan.get(1) * 2, within(0.01));
    }
}
