package aftershock.gatling;

/**
 * Something Aftershock measured that should appear in Gatling's own report as a named request:
 * a chaos event whose response time is the measured recovery, or a threshold whose status is its verdict.
 *
 * @param code    shown as the status code in Gatling's report, for example "PASS", "WARN", "FAIL"
 * @param message shown beside a KO in Gatling's error table
 */
public record ReportedEvent(String name, long startEpochMillis, long endEpochMillis, boolean ok, String code,
                            String message) {
}
