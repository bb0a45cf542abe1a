package aftershock.verdict;

import aftershock.testing.SummaryFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTest {

    @Test
    void aJudgedRunNamesItsVerdictAndHowManyThresholdsMadeIt() {
        Outcome failed = Outcome.of(SummaryFixtures.resilienceRun("RedisOutage", true));
        Outcome warned = Outcome.of(SummaryFixtures.resilienceRun("RedisOutage", false));
        Outcome passed = Outcome.of(SummaryFixtures.loadRun("SpikeLoad", 100, 10, 0));

        assertThat(failed.line()).isEqualTo("FAIL (1 of 3 thresholds)");
        assertThat(warned.line()).isEqualTo("WARN (1 of 2 thresholds)");
        assertThat(passed.line()).isEqualTo("PASS");
    }

    @Test
    void eachEndingHasTheExitCodeOfTheTable() {
        assertThat(Outcome.of(SummaryFixtures.loadRun("SpikeLoad", 100, 10, 0)).exitCode()).isZero();
        assertThat(Outcome.of(SummaryFixtures.resilienceRun("RedisOutage", false)).exitCode()).isZero();
        assertThat(Outcome.of(SummaryFixtures.resilienceRun("RedisOutage", true)).exitCode()).isEqualTo(1);
        assertThat(Outcome.badInput("rate must be positive").exitCode()).isEqualTo(2);
        assertThat(Outcome.noVerdict("recording is off").exitCode()).isEqualTo(3);
    }

    @Test
    void badInputAndNoVerdictSayWhatAndWhy() {
        assertThat(Outcome.badInput("rate must be positive").line()).isEqualTo("bad input: rate must be positive");
        assertThat(Outcome.noVerdict("recording is off").line()).isEqualTo("no verdict: recording is off");
    }

    @Test
    void aRunWhoseGeneratorFellBehindIsInvalidWithItsOwnExitCodeAndNeverJudged() {
        Outcome invalid = Outcome.invalid("3.2 % of requests sent over 100 ms late");

        assertThat(invalid.line()).isEqualTo("INVALID (generator overloaded: 3.2 % of requests sent over 100 ms late)");
        assertThat(invalid.exitCode()).isEqualTo(4);
        assertThat(invalid.judged()).isFalse();
        assertThat(Outcome.of(SummaryFixtures.loadRun("SpikeLoad", 100, 10, 0)).judged()).isTrue();
    }
}
