package aftershock.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * E-divisive means (Matteson and James, "A Nonparametric Approach for Multiple Change Point Analysis of Multivariate
 * Data", JASA 2014), the method Apache Otava (formerly Hunter) uses on nightly performance series. Each round takes
 * the segment and split that maximise the energy divergence between the runs before τ and those from τ to a
 * later κ, {@code Q = τm/(τ+m) · (2/(τm)·Σ|x-y| − Σ|x-x'|/C(τ,2) − Σ|y-y'|/C(m,2))} with m = κ − τ (α = 1), and keeps the split
 * only when a permutation test finds it significant: the segment's values are shuffled {@code permutations} times
 * and the split counts when fewer than {@code significance} of the shuffles diverge as much. The random source is
 * seeded, so one series always gives the same answer.
 *
 * <pre>
 *   List&lt;Integer&gt; changes = EDivisive.defaults().changePoints(p95Millis);   // [12]: run 12 starts a new level
 * </pre>
 *
 * @param minimumSegment fewest runs on each side of a change point
 * @param significance   the permutation test's level, for example 0.01
 * @param permutations   shuffles per test
 * @param seed           seeds the shuffles
 */
public record EDivisive(int minimumSegment, double significance, int permutations, long seed) {

    public EDivisive {
        if (minimumSegment < 2 || !(significance > 0 && significance < 1) || permutations < 1) {
            throw new IllegalArgumentException("E-divisive needs segments of 2 runs or more, a significance in (0, 1)"
                    + " and at least one permutation; got " + minimumSegment + ", " + significance + ", " + permutations);
        }
    }

    /** Segments of at least 3 runs, significance 1 %, 499 permutations. */
    public static EDivisive defaults() {
        return new EDivisive(3, 0.01, 499, 16);
    }

    /** The indexes where a new level starts, in increasing order; empty for a series with no significant change. */
    public List<Integer> changePoints(double[] series) {
        List<Integer> found = new ArrayList<>();
        Random random = new Random(seed);
        while (true) {
            List<Integer> bounds = new ArrayList<>(found);
            bounds.add(0);
            bounds.add(series.length);
            Collections.sort(bounds);
            Split best = null;
            for (int i = 0; i + 1 < bounds.size(); i++) {
                Split split = bestSplit(series, bounds.get(i), bounds.get(i + 1));
                if (split != null && (best == null || split.divergence() > best.divergence())) {
                    best = split;
                }
            }
            if (best == null || !significant(series, best, random)) {
                Collections.sort(found);
                return found;
            }
            found.add(best.at());
        }
    }

    /** The permutation test: how often a shuffled segment diverges at least as much at its own best split. */
    private boolean significant(double[] series, Split split, Random random) {
        double[] segment = Arrays.copyOfRange(series, split.from(), split.to());
        int asLarge = 0;
        for (int i = 0; i < permutations; i++) {
            shuffle(segment, random);
            Split shuffled = bestSplit(segment, 0, segment.length);
            if (shuffled != null && shuffled.divergence() >= split.divergence()) {
                asLarge++;
            }
        }
        return (asLarge + 1.0) / (permutations + 1.0) < significance;
    }

    private record Split(int from, int to, int at, double divergence) {
    }

    /**
     * The split of [from, to) with the largest divergence, or null when the segment is too short to split. As in the
     * paper, the right side runs from the split to any later end κ, so a level that comes back (a bump) is found too.
     */
    private Split bestSplit(double[] series, int from, int to) {
        int n = to - from;
        if (n < 2 * minimumSegment) {
            return null;
        }
        double[] values = Arrays.copyOfRange(series, from, to);
        Split best = null;
        // Sum of |x_i - x_j| within the left side [0, tau), grown one run at a time.
        double left = 0;
        for (int tau = 1; tau <= n - minimumSegment; tau++) {
            for (int i = 0; i < tau - 1; i++) {
                left += Math.abs(values[i] - values[tau - 1]);
            }
            if (tau < minimumSegment) {
                continue;
            }
            double right = 0;
            double across = 0;
            for (int kappa = tau + 1; kappa <= n; kappa++) {
                double added = values[kappa - 1];
                for (int j = tau; j < kappa - 1; j++) {
                    right += Math.abs(values[j] - added);
                }
                for (int i = 0; i < tau; i++) {
                    across += Math.abs(values[i] - added);
                }
                double m = kappa - tau;
                if (m < minimumSegment) {
                    continue;
                }
                double divergence = 2 * across / (tau * m) - left / pairs(tau) - right / pairs(m);
                double statistic = tau * m / (tau + m) * divergence;
                if (best == null || statistic > best.divergence()) {
                    best = new Split(from, to, from + tau, statistic);
                }
            }
        }
        return best;
    }

    private static double pairs(double count) {
        return count * (count - 1) / 2;
    }

    private static void shuffle(double[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
