package aftershock.probes;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.config.Settings;
import aftershock.waiting.Wait;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The write and read requests of every lost-data check, from {@code aftershock.integrity}: a value is written with
 * {@code write-method write-path} and {@code write-body}, and read with {@code GET read-path} at {@code read-pointer};
 * {@code {id}} and {@code {value}} are filled in, under each base URL's path.
 *
 * <pre>
 *   DataRequests requests = DataRequests.from(settings.section("integrity"));
 *   requests.write(http, replica, signedIn, "aftershock-1", "42").ok();
 *   Optional&lt;String&gt; read = requests.value(requests.readBack(http, otherReplica, signedIn, "aftershock-1"));
 * </pre>
 *
 * @param readPointer JSON pointer of the value in the read answer
 */
public record DataRequests(String writeMethod, String writePath, String writeBody, String readPath, String readPointer) {

    // A reader that answers at once is read at 0, 200, 400 and 600 ms and a last time at 800 ms: five reads.
    private static final Duration READ_RETRY_INTERVAL = Duration.ofMillis(200);
    private static final Duration READ_RETRIES_FOR = Duration.ofMillis(800);
    // A value, or a definite "not there": missing (404), or its session gone with it (401, 403).
    private static final Set<Integer> FINAL_ANSWERS = Set.of(200, 401, 403, 404);

    /** Reads write-method, write-path, write-body, read-path and read-pointer. */
    public static DataRequests from(Settings integrity) {
        return new DataRequests(integrity.string("write-method"), integrity.string("write-path"),
                integrity.string("write-body"), integrity.string("read-path"), integrity.string("read-pointer"));
    }

    /** Writes {@code value} under {@code id} through {@code base}, signed in as {@code credentials}. */
    public Http.Answer write(Http http, URI base, Credentials credentials, String id, String value) {
        return http.send(writeMethod, TargetPaths.under(base, fill(writePath, id, value)), credentials, fill(writeBody, id, value));
    }

    /** Reads {@code id} once. */
    public Http.Answer read(Http http, URI base, Credentials credentials, String id) {
        return http.get(TargetPaths.under(base, fill(readPath, id, "")), credentials);
    }

    /**
     * Reads {@code id} until a final answer (200, or 401, 403 or 404: lost), for a short while, since the reader may
     * itself be coming back; returns the last answer.
     */
    public Http.Answer readBack(Http http, URI base, Credentials credentials, String id) {
        URI uri = TargetPaths.under(base, fill(readPath, id, ""));
        return Wait.forValue("a 200, 401, 403 or 404 from GET " + uri, () -> http.get(uri, credentials),
                        answer -> FINAL_ANSWERS.contains(answer.status()))
                .atMost(READ_RETRIES_FOR)
                .pollInterval(READ_RETRY_INTERVAL)
                .awaitOutcome()
                .last();
    }

    /** The value at read-pointer of an OK answer; empty for any other answer (a 401 or 404 is a lost value). */
    public Optional<String> value(Http.Answer answer) {
        if (!answer.ok()) {
            return Optional.empty();
        }
        return Optional.ofNullable(answer.json().at(readPointer).asText(null));
    }

    private static String fill(String template, String id, String value) {
        return template.replace("{id}", id).replace("{value}", value);
    }
}
