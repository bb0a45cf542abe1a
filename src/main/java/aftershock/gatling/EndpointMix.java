package aftershock.gatling;

import aftershock.config.ConfigurationException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A mix's relative weights as the percentages Gatling's random switch takes. Only endpoints with a positive weight
 * are in it: an endpoint weighed 0 is never built, so it needs nothing (not even its path).
 *
 * <pre>
 *   EndpointMix.of(Map.of("place-order", 3, "health", 1, "jwt-status", 0), known);   // place-order 75 %, health 25 %
 * </pre>
 */
final class EndpointMix {

    private EndpointMix() {
    }

    /** One endpoint of the mix and its share of the requests, in percent. */
    record Share(String endpoint, double percent) {
    }

    /**
     * The shares of {@code weights}; a name that is not in {@code known} (the built-in endpoints and the user's own)
     * is refused in one line naming them.
     */
    static List<Share> of(Map<String, Integer> weights, Collection<String> known) {
        double total = weights.values().stream().mapToInt(Integer::intValue).sum();
        List<Share> shares = new ArrayList<>();
        double left = 100.0;
        for (Map.Entry<String, Integer> weight : weights.entrySet()) {
            if (!known.contains(weight.getKey())) {
                throw new ConfigurationException("unknown endpoint '" + weight.getKey() + "' in a mix: use "
                        + String.join(", ", known) + ", or define your own under aftershock.endpoints."
                        + weight.getKey());
            }
            if (weight.getValue() > 0) {
                // Floor to 1e-6 so rounding never sums past 100 %, which Gatling refuses.
                double percent = Math.min(left, Math.floor(1e8 * weight.getValue() / total) / 1e6);
                shares.add(new Share(weight.getKey(), percent));
                left -= percent;
            }
        }
        return shares;
    }
}
