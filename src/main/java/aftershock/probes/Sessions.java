package aftershock.probes;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.verdict.IntegrityResult;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Seed 001's pod-death check, for real: N users each sign in (in the run's login mode: a token, a session cookie of
 * their own, an API key) and store session state through the replica that serves them; after that replica is killed
 * and back, every session is read through each of the other replicas and through the restarted one, signed in as it
 * was written (intact? a 401 or 404 is lost), its sign-in used on another replica (still valid?) and its state
 * updated there (still working?).
 *
 * <pre>
 *   Sessions sessions = new Sessions(http, paths, servedBy, List.of(replica1, replica2), load::signInAgain, 100);
 *   sessions.create();                                  // before the kill of servedBy
 *   IntegrityResult others = sessions.readBack(sessions.others());
 *   IntegrityResult restarted = sessions.readBack(List.of(servedBy));
 *   double valid = sessions.validPercent();
 *   double working = sessions.updatePercent();
 * </pre>
 */
public final class Sessions {

    private record Session(String id, Credentials as, String value) {
    }

    private final Http http;
    private final TargetPaths paths;
    private final URI servedBy;
    private final List<URI> others;
    private final Supplier<? extends Credentials> signIn;
    private final int count;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<Session> created = new ArrayList<>();
    private int attempted;

    /**
     * @param servedBy where the sessions are written, the replica that is then killed
     * @param others   the other replicas' addresses, each read back; empty when only one address is known
     * @param signIn   signs one user in anew, as the run's login mode does
     */
    public Sessions(Http http, TargetPaths paths, URI servedBy, List<URI> others, Supplier<? extends Credentials> signIn,
                    int count) {
        this.http = http;
        this.paths = paths;
        this.servedBy = servedBy;
        this.others = List.copyOf(others);
        this.signIn = signIn;
        this.count = count;
    }

    /** The other replicas' addresses, or the serving one's alone when no other is known. */
    public List<URI> others() {
        return others.isEmpty() ? List.of(servedBy) : others;
    }

    /** Signs each user in and stores its state on the serving replica; returns how many were acknowledged. */
    public synchronized int create() {
        for (int i = 0; i < count; i++) {
            attempted++;
            Credentials as;
            try {
                as = signIn.get();
            } catch (RuntimeException e) {
                continue;
            }
            String id = "session-" + runId + "-" + i;
            String value = "tx_count_1h=" + (i + 5);
            Http.Answer write = http.send("PUT", TargetPaths.under(servedBy, paths.session(id)), as, state(value));
            if (write.ok()) {
                created.add(new Session(id, as, value));
            }
        }
        return created.size();
    }

    /**
     * Reads every acknowledged session through each of {@code readers}: a session is lost when one of them cannot
     * read it, stale when one of them returns another value.
     */
    public synchronized IntegrityResult readBack(List<URI> readers) {
        int present = 0;
        int lost = 0;
        int stale = 0;
        for (Session session : created) {
            boolean missing = false;
            boolean changed = false;
            for (URI reader : readers) {
                Http.Answer read = http.get(TargetPaths.under(reader, paths.session(session.id())), session.as());
                if (!read.ok()) {
                    missing = true;
                } else if (!session.value().equals(read.json().at("/state/value").asText(null))) {
                    changed = true;
                }
            }
            if (missing) {
                lost++;
            } else if (changed) {
                stale++;
            } else {
                present++;
            }
        }
        String via = readers.stream().map(URI::toString).collect(Collectors.joining(", "));
        return new IntegrityResult(attempted, created.size(), present, lost, stale, "read through " + via);
    }

    /** Share of sessions whose sign-in (token, cookie, key) another replica still accepts, in percent. */
    public synchronized double validPercent() {
        URI other = others().get(0);
        long valid = created.stream()
                .filter(s -> http.get(TargetPaths.under(other, paths.jwtStatus()), s.as()).ok())
                .count();
        return percent(valid);
    }

    /** Share of sessions whose state can still be updated through another replica, in percent. */
    public synchronized double updatePercent() {
        URI other = others().get(0);
        long updated = created.stream()
                .filter(s -> http.send("PUT", TargetPaths.under(other, paths.session(s.id())), s.as(), state(s.value() + "+1")).ok())
                .count();
        return percent(updated);
    }

    private double percent(long part) {
        return created.isEmpty() ? 0 : Math.round(10000.0 * part / created.size()) / 100.0;
    }

    private static String state(String value) {
        return Http.JSON.createObjectNode().put("value", value).toString();
    }
}
