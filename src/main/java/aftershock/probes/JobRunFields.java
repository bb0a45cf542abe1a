package aftershock.probes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The names of a recorded job run's JSON fields: who ran it, when (ISO-8601 or epoch milliseconds), and its term
 * (optional; empty name: none recorded).
 *
 * <pre>
 *   JobRunFields fields = new JobRunFields("holder", "at", "term");
 *   Optional&lt;JobRun&gt; run = fields.parse(Http.JSON.readTree("{\"holder\":\"a\",\"at\":\"2026-01-01T00:00:00Z\"}"));
 * </pre>
 */
public record JobRunFields(String holder, String at, String term) {

    /** The built-in target's own: {@code {"holder":"replica-0@4242","term":3,"at":"2026-...Z"}}. */
    public static final JobRunFields BUILT_IN = new JobRunFields("holder", "at", "term");

    /** The run in {@code node}, or empty when it lacks a holder or a readable time. */
    public Optional<JobRun> parse(JsonNode node) {
        String who = node.path(holder).asText("");
        JsonNode when = node.path(at);
        if (who.isEmpty() || when.isMissingNode() || when.isNull()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = when.isNumber() ? Instant.ofEpochMilli(when.asLong()) : Instant.parse(when.asText());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        long termValue = term.isEmpty() ? 0 : node.path(term).asLong(0);
        return Optional.of(new JobRun(who, termValue, instant));
    }
}
