package aftershock.probes;

import aftershock.client.Credentials;
import aftershock.client.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Job runs answered by an HTTP endpoint as a JSON array: {@code GET /api/leader/runs?since=2026-...Z} answering
 * {@code {"runs":[{"holder":...,"at":...}]}}. The {@code since} parameter is a hint: runs before it are dropped here too.
 */
public final class HttpJobRuns implements JobRuns {

    private final Http http;
    private final URI uri;
    private final String pointer;
    private final JobRunFields fields;
    private final Supplier<? extends Credentials> credentials;

    /** {@code pointer} is the JSON pointer of the array of runs in the answer ("/runs"; "" for a bare array). */
    public HttpJobRuns(Http http, URI uri, String pointer, JobRunFields fields, Supplier<? extends Credentials> credentials) {
        this.http = http;
        this.uri = uri;
        this.pointer = pointer;
        this.fields = fields;
        this.credentials = credentials;
    }

    @Override
    public List<JobRun> since(Instant from) {
        String separator = uri.getRawQuery() == null ? "?" : "&";
        URI asked = URI.create(uri + separator + "since=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8));
        Http.Answer answer = http.get(asked, credentials.get());
        if (!answer.ok()) {
            throw new IllegalStateException("GET " + asked + " answered " + answer.status() + " (expected 2xx with the runs at '"
                    + pointer + "'): check aftershock.leader.runs-url");
        }
        JsonNode array = answer.json().at(pointer);
        List<JobRun> runs = new ArrayList<>();
        array.forEach(node -> fields.parse(node).filter(run -> !run.at().isBefore(from)).ifPresent(runs::add));
        return runs;
    }

    @Override
    public String describe() {
        return "GET " + uri + " " + pointer;
    }
}
