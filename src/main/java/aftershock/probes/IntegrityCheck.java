package aftershock.probes;

import aftershock.client.TargetPaths;
import aftershock.config.Settings;
import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.verdict.IntegrityResult;
import aftershock.waiting.Wait;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Jepsen-style lost-data check through the target's own API (seed 001): before the fault, write N values and
 * keep the ones the system acknowledged; after recovery, read every acknowledged one back, through a different
 * replica where there is one, and count what is present, lost and stale.
 *
 * <pre>
 *   IntegrityCheck check = IntegrityCheck.fromSettings(settings.section("integrity"), http, load::identity, writeVia, readVia);
 *   check.write();                      // before the fault
 *   IntegrityResult result = check.readBack();   // after recovery
 * </pre>
 */
public final class IntegrityCheck {

    // A reader that answers at once is read at 0, 200, 400 and 600 ms and a last time at 800 ms: five reads.
    private static final Duration READ_RETRY_INTERVAL = Duration.ofMillis(200);
    private static final Duration READ_RETRIES_FOR = Duration.ofMillis(800);

    private final Http http;
    private final Supplier<? extends Credentials> credentials;
    private final List<URI> writeVia;
    private final List<URI> readVia;
    private final int writes;
    private final String writeMethod;
    private final String writePath;
    private final String writeBody;
    private final String readPath;
    private final String readPointer;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Integer> writtenVia = new ConcurrentHashMap<>();
    private volatile int attempted;

    /**
     * @param writeVia base URLs the writes go to, round-robin
     * @param readVia  base URLs to read from; write i is read from the URL after the one it was written to
     */
    public IntegrityCheck(Http http, Supplier<? extends Credentials> credentials, List<URI> writeVia, List<URI> readVia, int writes,
                          String writeMethod, String writePath, String writeBody, String readPath, String readPointer) {
        this.http = http;
        this.credentials = credentials;
        this.writeVia = List.copyOf(writeVia);
        this.readVia = List.copyOf(readVia);
        this.writes = writes;
        this.writeMethod = writeMethod;
        this.writePath = writePath;
        this.writeBody = writeBody;
        this.readPath = readPath;
        this.readPointer = readPointer;
    }

    /** Reads the requests from {@code aftershock.integrity} (writes, write-method, write-path, ...). */
    public static IntegrityCheck fromSettings(Settings integrity, int writes, Http http, Supplier<? extends Credentials> credentials,
                                              List<URI> writeVia, List<URI> readVia) {
        return new IntegrityCheck(http, credentials, writeVia, readVia, writes, integrity.string("write-method"),
                integrity.string("write-path"), integrity.string("write-body"), integrity.string("read-path"),
                integrity.string("read-pointer"));
    }

    /** Writes N values; returns how many were acknowledged (2xx). */
    public int write() {
        for (int i = 0; i < writes; i++) {
            String id = id(i);
            String value = UUID.randomUUID().toString();
            int via = i % writeVia.size();
            URI uri = TargetPaths.under(writeVia.get(via), fill(writePath, id, value));
            Http.Answer answer = http.send(writeMethod, uri, credentials.get(), fill(writeBody, id, value));
            attempted = i + 1;
            if (answer.ok()) {
                acknowledged.put(id, value);
                writtenVia.put(id, via);
            }
        }
        return acknowledged.size();
    }

    /** Reads every acknowledged value back; retries briefly, since the reader may itself be coming back. */
    public IntegrityResult readBack() {
        int present = 0;
        int lost = 0;
        int stale = 0;
        for (Map.Entry<String, String> write : acknowledged.entrySet()) {
            URI base = readVia.get((writtenVia.get(write.getKey()) + 1) % readVia.size());
            Http.Answer answer = read(TargetPaths.under(base, fill(readPath, write.getKey(), "")));
            if (!answer.ok()) {
                lost++;
                continue;
            }
            JsonNode value = answer.json().at(readPointer);
            if (write.getValue().equals(value.asText(null))) {
                present++;
            } else {
                stale++;
            }
        }
        return new IntegrityResult(attempted, acknowledged.size(), present, lost, stale, describeReaders());
    }

    private Http.Answer read(URI uri) {
        return Wait.forValue("a 200 or 404 from GET " + uri, () -> http.get(uri, credentials.get()),
                        answer -> answer.status() == 200 || answer.status() == 404)
                .atMost(READ_RETRIES_FOR)
                .pollInterval(READ_RETRY_INTERVAL)
                .awaitOutcome()
                .last();
    }

    private String describeReaders() {
        return readVia.size() > 1 ? "read back through a different replica than each write" : "read back through " + readVia.get(0);
    }

    private String id(int i) {
        return "aftershock-" + runId + "-" + i;
    }

    private static String fill(String template, String id, String value) {
        return template.replace("{id}", id).replace("{value}", value);
    }
}
