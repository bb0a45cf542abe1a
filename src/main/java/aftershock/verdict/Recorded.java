package aftershock.verdict;

import java.util.List;

/** What a run recorded, as the judge reads it. */
public interface Recorded {

    /** Figures for a request name, or {@link Threshold#ALL_REQUESTS}, between two offsets from the start of load. */
    RequestStats stats(String requestName, double fromSecond, double toSecond);

    /** Request names seen, sorted. */
    List<String> requestNames();

    /** One point per second of load. */
    List<TimelinePoint> timeline();

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
