package aftershock.probes;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.config.Settings;
import aftershock.verdict.IntegrityResult;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jepsen-style lost-data check through the target's own API (seed 001): before the fault, write N values and
 * keep the ones the system acknowledged; after recovery, read every acknowledged one back, through a different
 * replica where there is one, signed in as it was written (in cookie mode each value has a session of its own),
 * and count what is present, lost (absent, or its session gone: 401, 403, 404) and stale.
 *
 * <pre>
 *   IntegrityCheck check = IntegrityCheck.fromSettings(settings.section("integrity"), 100, http, load.dataIdentities(), writeVia, readVia);
 *   check.write();                      // before the fault
 *   IntegrityResult result = check.readBack();   // after recovery
 * </pre>
 */
public final class IntegrityCheck {

    private record Written(String value, int via, Credentials as) {
    }

    private final Http http;
    private final DataIdentities identities;
    private final List<URI> writeVia;
    private final List<URI> readVia;
    private final int writes;
    private final DataRequests requests;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Written> acknowledged = new ConcurrentHashMap<>();
    private volatile int attempted;

    /**
     * @param writeVia base URLs the writes go to, round-robin
     * @param readVia  base URLs to read from; write i is read from the URL after the one it was written to
     */
    public IntegrityCheck(Http http, DataIdentities identities, List<URI> writeVia, List<URI> readVia, int writes,
                          DataRequests requests) {
        this.http = http;
        this.identities = identities;
        this.writeVia = List.copyOf(writeVia);
        this.readVia = List.copyOf(readVia);
        this.writes = writes;
        this.requests = requests;
    }

    /** Reads the requests from {@code aftershock.integrity} (write-method, write-path, ...). */
    public static IntegrityCheck fromSettings(Settings integrity, int writes, Http http, DataIdentities identities,
                                              List<URI> writeVia, List<URI> readVia) {
        return new IntegrityCheck(http, identities, writeVia, readVia, writes, DataRequests.from(integrity));
    }

    /** Writes N values, each signed in as {@link DataIdentities#forNewValue()}; returns how many were acknowledged (2xx). */
    public int write() {
        for (int i = 0; i < writes; i++) {
            String id = "aftershock-" + runId + "-" + i;
            String value = UUID.randomUUID().toString();
            int via = i % writeVia.size();
            attempted = i + 1;
            Optional<Credentials> as = signedIn();
            if (as.isPresent() && requests.write(http, writeVia.get(via), as.get(), id, value).ok()) {
                acknowledged.put(id, new Written(value, via, as.get()));
            }
        }
        return acknowledged.size();
    }

    /** Reads every acknowledged value back as it was written; retries briefly, since the reader may be coming back. */
    public IntegrityResult readBack() {
        int present = 0;
        int lost = 0;
        int stale = 0;
        for (Map.Entry<String, Written> write : acknowledged.entrySet()) {
            Written written = write.getValue();
            URI base = readVia.get((written.via() + 1) % readVia.size());
            Optional<String> value = requests.value(requests.readBack(http, base, written.as(), write.getKey()));
            if (value.isEmpty()) {
                lost++;
            } else if (written.value().equals(value.get())) {
                present++;
            } else {
                stale++;
            }
        }
        return new IntegrityResult(attempted, acknowledged.size(), present, lost, stale, describeReaders());
    }

    // A sign-in that fails (the target mid-fault) is a write that was never acknowledged.
    private Optional<Credentials> signedIn() {
        try {
            return Optional.of(identities.forNewValue());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String describeReaders() {
        String readers = readVia.size() > 1 ? "read back through a different replica than each write"
                : "read back through " + readVia.get(0);
        return identities.sessionPerValue() ? readers + ", each value in a session of its own, read with its cookie" : readers;
    }
}
