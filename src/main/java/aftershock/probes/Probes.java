package aftershock.probes;

import aftershock.client.Http;

import java.net.URI;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Where a newcomer starts: the probes Aftershock uses to watch recovery.
 *
 * <pre>
 *   Probe health = Probes.forHttp(http, URI.create("http://127.0.0.1:8081/health"));
 *   Probe ready = Probes.forAll(List.of(readyA, readyB));
 * </pre>
 */
public final class Probes {

    private Probes() {
    }

    /** OK when a GET answers 2xx within the client's timeout. */
    public static Probe forHttp(Http http, URI uri) {
        return of("GET " + uri, () -> http.get(uri, null).ok());
    }

    /** OK when every one of {@code probes} is OK. */
    public static Probe forAll(List<Probe> probes) {
        String what = probes.stream().map(Probe::describe).collect(Collectors.joining(" and "));
        return of(what, () -> probes.stream().allMatch(Probe::check));
    }

    /** A probe from any check; exceptions count as not OK. */
    public static Probe of(String description, BooleanSupplier check) {
        return new Probe() {
            @Override
            public String describe() {
                return description;
            }

            @Override
            public boolean check() {
                try {
                    return check.getAsBoolean();
                } catch (RuntimeException e) {
                    return false;
                }
            }
        };
    }
}
