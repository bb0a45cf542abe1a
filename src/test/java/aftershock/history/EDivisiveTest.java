package aftershock.history;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EDivisiveTest {

    private final EDivisive method = EDivisive.defaults();

    @Test
    void aShiftAtRun12OfTwentyIsFlaggedAtRun12() {
        // Given 20 nightly P95s around 100 ms (sd 5), 20 % higher from run 12 on
        double[] series = series(new Random(7), 20, 12, 100, 120, 5);

        // Then the change point is run 12, give or take one
        assertThat(method.changePoints(series)).singleElement().satisfies(at -> assertThat(at).isBetween(11, 13));
    }

    @Test
    void aSeriesOfNoiseOnlyIsNotFlagged() {
        // Given 20 nights of the same system: 100 ms, sd 5
        double[] series = series(new Random(7), 20, 20, 100, 100, 5);

        assertThat(method.changePoints(series)).isEmpty();
    }

    @Test
    void overManySeriesTheShiftIsFoundAndNoiseAloneRarelyIs() {
        // Given 100 series with a 4-sd shift at run 12 and 100 of noise only, each seeded
        int found = 0;
        int falseAlarms = 0;
        for (int seed = 0; seed < 100; seed++) {
            List<Integer> shifted = method.changePoints(series(new Random(seed), 20, 12, 100, 120, 5));
            if (shifted.stream().anyMatch(at -> Math.abs(at - 12) <= 1)) {
                found++;
            }
            if (!method.changePoints(series(new Random(1000 + seed), 20, 20, 100, 100, 5)).isEmpty()) {
                falseAlarms++;
            }
        }

        // Then nearly every shift is found at 12 ± 1, and few noise series raise an alarm (1 % test level)
        assertThat(found).as("shifts found at run 12 ± 1, of 100").isGreaterThanOrEqualTo(90);
        assertThat(falseAlarms).as("noise-only series flagged, of 100").isLessThanOrEqualTo(5);
    }

    @Test
    void twoShiftsAreBothFoundAndTooShortASeriesIsNeverSplit() {
        double[] twice = new double[30];
        Random random = new Random(3);
        for (int i = 0; i < twice.length; i++) {
            twice[i] = (i < 10 ? 100 : i < 20 ? 150 : 100) + random.nextGaussian() * 5;
        }
        assertThat(method.changePoints(twice)).hasSize(2)
                .satisfies(points -> {
                    assertThat(points.get(0)).isBetween(9, 11);
                    assertThat(points.get(1)).isBetween(19, 21);
                });

        assertThat(method.changePoints(new double[] {1, 1, 1, 9, 9})).isEmpty();
    }

    private static double[] series(Random random, int length, int shiftAt, double before, double after, double sd) {
        double[] series = new double[length];
        for (int i = 0; i < length; i++) {
            series[i] = (i < shiftAt ? before : after) + random.nextGaussian() * sd;
        }
        return series;
    }
}
