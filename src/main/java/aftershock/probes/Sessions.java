package aftershock.probes;

import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.verdict.IntegrityResult;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Seed 001's pod-death check, for real: N users each log in and store session state on the replica that serves
 * them; after that replica is killed and back, every session is read on another replica (intact?), its token
 * used there (still valid?) and its state updated there (still working?).
 *
 * <pre>
 *   Sessions sessions = new Sessions(http, paths, servedBy, survivor, "admin", "admin123", 100);
 *   sessions.create();               // before the kill
 *   IntegrityResult intact = sessions.readBack();
 *   double valid = sessions.validPercent();
 *   double working = sessions.updatePercent();
 * </pre>
 */
public final class Sessions {

    private record Session(String id, String token, String value) {
    }

    private final Http http;
    private final TargetPaths paths;
    private final URI servedBy;
    private final URI survivor;
    private final String username;
    private final String password;
    private final int count;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<Session> created = new ArrayList<>();
    private int attempted;

    public Sessions(Http http, TargetPaths paths, URI servedBy, URI survivor, String username, String password, int count) {
        this.http = http;
        this.paths = paths;
        this.servedBy = servedBy;
        this.survivor = survivor;
        this.username = username;
        this.password = password;
        this.count = count;
    }

    /** Logs in and stores state for each session on the serving replica; returns how many were acknowledged. */
    public synchronized int create() {
        String credentials = Http.JSON.createObjectNode().put("username", username).put("password", password).toString();
        for (int i = 0; i < count; i++) {
            attempted++;
            Http.Answer login = http.send("POST", servedBy.resolve(paths.login()), null, credentials);
            String token = login.json().path("access_token").asText("");
            if (!login.ok() || token.isEmpty()) {
                continue;
            }
            String id = "session-" + runId + "-" + i;
            String value = "tx_count_1h=" + (i + 5);
            Http.Answer write = http.send("PUT", servedBy.resolve(paths.session(id)), token, state(value));
            if (write.ok()) {
                created.add(new Session(id, token, value));
            }
        }
        return created.size();
    }

    /** Reads every acknowledged session on the surviving replica. */
    public synchronized IntegrityResult readBack() {
        int present = 0;
        int lost = 0;
        int stale = 0;
        for (Session session : created) {
            Http.Answer read = http.get(survivor.resolve(paths.session(session.id())), session.token());
            if (!read.ok()) {
                lost++;
            } else if (session.value().equals(read.json().at("/state/value").asText(null))) {
                present++;
            } else {
                stale++;
            }
        }
        return new IntegrityResult(attempted, created.size(), present, lost, stale, "read on " + survivor);
    }

    /** Share of sessions whose token the surviving replica still accepts, in percent. */
    public synchronized double validPercent() {
        long valid = created.stream()
                .filter(s -> http.get(survivor.resolve(paths.jwtStatus()), s.token()).ok())
                .count();
        return percent(valid);
    }

    /** Share of sessions whose state can still be updated on the surviving replica, in percent. */
    public synchronized double updatePercent() {
        long updated = created.stream()
                .filter(s -> http.send("PUT", survivor.resolve(paths.session(s.id())), s.token(), state(s.value() + "+1")).ok())
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
