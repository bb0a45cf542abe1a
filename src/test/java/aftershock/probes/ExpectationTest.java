package aftershock.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aftershock.config.ConfigurationException;
import org.junit.jupiter.api.Test;

class ExpectationTest {

    @Test
    void durableJudgesLossesAndCacheOnlyReportsThem() {
        assertThat(Expectation.parse(" Durable ")).isEqualTo(Expectation.DURABLE);
        assertThat(Expectation.parse("cache")).isEqualTo(Expectation.CACHE);
        assertThat(Expectation.DURABLE.judgesLosses()).isTrue();
        assertThat(Expectation.CACHE.judgesLosses()).isFalse();
    }

    @Test
    void anythingElseIsOneLineSayingWhatToWrite() {
        assertThatThrownBy(() -> Expectation.parse("persistent"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("aftershock.integrity.expect is 'persistent': write durable (data that must survive a Redis"
                        + " crash, like sessions) or cache (data that may be lost, like a rate-limit cache)");
    }
}
