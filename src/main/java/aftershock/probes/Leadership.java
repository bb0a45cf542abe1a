package aftershock.probes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who led when, read from the leader job's recorded runs, a pure function of them. A leadership window is the span
 * from the first to the last run of one holder in one term (one holder's whole span when the system records no
 * terms). Two windows of different holders that overlap mean two replicas acted as leader at once: the job ran twice.
 *
 * <pre>
 *   Leadership leadership = Leadership.of(runs.since(loadStartedAt));
 *   List&lt;Leadership.Overlap&gt; twice = leadership.overlaps(Duration.ZERO);
 *   Optional&lt;JobRun&gt; next = leadership.firstRunByAnotherHolder("replica-0@4242", killedAt);
 * </pre>
 */
public final class Leadership {

    /** One holder's leadership in one term: its first and last recorded run, and how many runs. */
    public record Window(String holder, long term, Instant from, Instant to, int runs) {
        /** "replica-0@4242 (term 3) 12.1-15.4 s" relative to {@code zero}. */
        public String describe(Instant zero) {
            return holder + (term == 0 ? "" : " (term " + term + ")") + " " + seconds(zero, from) + "-" + seconds(zero, to) + " s";
        }
    }

    /** Two windows of different holders that overlap, and for how long. */
    public record Overlap(Window first, Window second, Duration length) {
        /** One line: who led at once with whom, when, and for how long. */
        public String describe(Instant zero) {
            return first.describe(zero) + " and " + second.describe(zero) + " overlap for " + length.toMillis() + " ms";
        }
    }

    private final List<JobRun> runs;
    private final List<Window> windows;

    private Leadership(List<JobRun> runs) {
        this.runs = runs.stream().sorted(Comparator.comparing(JobRun::at)).toList();
        this.windows = windowsOf(this.runs);
    }

    /** The leadership that {@code runs} show (in any order). */
    public static Leadership of(List<JobRun> runs) {
        return new Leadership(runs);
    }

    /** Every window, by its first run. */
    public List<Window> windows() {
        return windows;
    }

    /**
     * Pairs of windows of different holders that overlap by more than {@code tolerance} (clock skew between the
     * machines that recorded the runs; zero on one host). Windows that only touch do not overlap.
     */
    public List<Overlap> overlaps(Duration tolerance) {
        List<Overlap> overlaps = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            for (int j = i + 1; j < windows.size(); j++) {
                Window a = windows.get(i);
                Window b = windows.get(j);
                if (a.holder().equals(b.holder())) {
                    continue;
                }
                Instant start = a.from().isAfter(b.from()) ? a.from() : b.from();
                Instant end = a.to().isBefore(b.to()) ? a.to() : b.to();
                Duration length = Duration.between(start, end);
                // A single run inside another's window overlaps it, though it lasts no time; windows that touch do not.
                boolean pointInside = start.equals(end) && (strictlyInside(start, a) || strictlyInside(start, b));
                if (length.compareTo(tolerance) > 0 || tolerance.isZero() && pointInside) {
                    overlaps.add(new Overlap(a, b, length));
                }
            }
        }
        return overlaps;
    }

    /** The first run after {@code after} by a holder other than {@code holder}: the new leader at work. */
    public Optional<JobRun> firstRunByAnotherHolder(String holder, Instant after) {
        return runs.stream().filter(run -> run.at().isAfter(after) && !Objects.equals(run.holder(), holder)).findFirst();
    }

    /** The last run of {@code holder} at or before {@code at}. */
    public Optional<JobRun> lastRunOf(String holder, Instant at) {
        return runs.stream().filter(run -> run.holder().equals(holder) && !run.at().isAfter(at)).reduce((a, b) -> b);
    }

    private static boolean strictlyInside(Instant at, Window window) {
        return window.from().isBefore(at) && at.isBefore(window.to());
    }

    private static List<Window> windowsOf(List<JobRun> sorted) {
        record Key(String holder, long term) {
        }
        Map<Key, List<JobRun>> byLeadership = new LinkedHashMap<>();
        sorted.forEach(run -> byLeadership.computeIfAbsent(new Key(run.holder(), run.term()), k -> new ArrayList<>()).add(run));
        return byLeadership.entrySet().stream()
                .map(e -> new Window(e.getKey().holder(), e.getKey().term(), e.getValue().get(0).at(),
                        e.getValue().get(e.getValue().size() - 1).at(), e.getValue().size()))
                .sorted(Comparator.comparing(Window::from))
                .toList();
    }

    private static String seconds(Instant zero, Instant at) {
        return String.format(Locale.ROOT, "%.1f", Duration.between(zero, at).toMillis() / 1000.0);
    }
}
