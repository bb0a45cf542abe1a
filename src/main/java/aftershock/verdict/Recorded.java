package aftershock.verdict;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** What a run recorded, as the judge reads it. */
public interface Recorded {

    /** Figures for a request name, or {@link Threshold#ALL_REQUESTS}, between two offsets from the start of load. */
    RequestStats stats(String requestName, double fromSecond, double toSecond);

    /** Request names seen, sorted. */
    List<String> requestNames();

    /** One point per second of load. */
    List<TimelinePoint> timeline();

    /**
     * The tenths of a second of load (tenth 0 is 0.0-0.1 s after second 0) in which at least one request failed,
     * as users saw it. By default every tenth of each second whose timeline has a KO: a recording that keeps
     * failure instants gives the finer figure.
     */
    default SortedSet<Long> failedTenths() {
        SortedSet<Long> tenths = new TreeSet<>();
        for (TimelinePoint point : timeline()) {
            if (point.ko() > 0 && point.second() >= 0) {
                for (long tenth = point.second() * 10; tenth < point.second() * 10 + 10; tenth++) {
                    tenths.add(tenth);
                }
            }
        }
        return tenths;
    }

    /** Seconds of load recorded from second 0. */
    double recordedSeconds();

    /** How long the warm-up before second 0 lasted: its requests lie at negative seconds, outside the judged run. */
    default double warmUpSeconds() {
        return 0;
    }

    /** Figures of the warm-up for a request name, or {@link Threshold#ALL_REQUESTS}. */
    default RequestStats warmUpStats(String requestName) {
        return stats(requestName, -warmUpSeconds(), 0);
    }
}
