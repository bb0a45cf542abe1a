package aftershock.probes;

import aftershock.client.Credentials;
import aftershock.client.Http;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/** The leader named in a JSON answer: {@code GET /api/leader} answering {@code {"holder":"replica-0@4242"}}. */
public final class HttpLeader implements LeaderHolder {

    private final Http http;
    private final URI uri;
    private final String pointer;
    private final Supplier<? extends Credentials> credentials;

    /** {@code pointer} is the JSON pointer of the holder in the answer ("/holder"). */
    public HttpLeader(Http http, URI uri, String pointer, Supplier<? extends Credentials> credentials) {
        this.http = http;
        this.uri = uri;
        this.pointer = pointer;
        this.credentials = credentials;
    }

    @Override
    public Optional<String> current() {
        Http.Answer answer = http.get(uri, credentials.get());
        if (!answer.ok()) {
            throw new IllegalStateException("GET " + uri + " answered " + answer.status() + " (expected 2xx with the leader at "
                    + pointer + "): check aftershock.leader.holder-url");
        }
        String holder = answer.json().at(pointer).asText("");
        return holder.isBlank() ? Optional.empty() : Optional.of(holder);
    }

    @Override
    public String describe() {
        return "GET " + uri + " " + pointer;
    }
}
