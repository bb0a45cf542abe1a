package aftershock.gatling;

import aftershock.config.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointMixTest {

    private static final List<String> KNOWN = List.of("jwt-status", "agents", "api-keys", "health", "place-order", "cart");

    @Test
    void aMixOfOnlyOwnEndpointsLeavesEveryBuiltInEndpointOut() {
        // Given every built-in endpoint weighed 0, beside two of one's own
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("jwt-status", 0);
        weights.put("agents", 0);
        weights.put("api-keys", 0);
        weights.put("health", 0);
        weights.put("place-order", 3);
        weights.put("cart", 1);

        // When the mix is made
        List<EndpointMix.Share> shares = EndpointMix.of(weights, KNOWN);

        // Then only one's own endpoints are in it, with their shares
        assertThat(shares).containsExactly(new EndpointMix.Share("place-order", 75.0), new EndpointMix.Share("cart", 25.0));
    }

    @Test
    void sharesThatDoNotDivideEvenlyNeverAddUpPastOneHundred() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("jwt-status", 1);
        weights.put("agents", 1);
        weights.put("health", 1);

        List<EndpointMix.Share> shares = EndpointMix.of(weights, KNOWN);

        assertThat(shares).hasSize(3);
        assertThat(shares.stream().mapToDouble(EndpointMix.Share::percent).sum()).isLessThanOrEqualTo(100.0).isGreaterThan(99.99);
    }

    @Test
    void anEndpointNobodyDefinedIsRefusedNamingTheKnownOnesAndWhereToDefineIt() {
        assertThatThrownBy(() -> EndpointMix.of(Map.of("checkout", 1), KNOWN))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown endpoint 'checkout' in a mix: use jwt-status, agents, api-keys, health, place-order,"
                        + " cart, or define your own under aftershock.endpoints.checkout");
    }
}
