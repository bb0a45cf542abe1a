package aftershock.gatling;

import org.junit.jupiter.api.Test;

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
}
