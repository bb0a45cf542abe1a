package aftershock.probes;

import aftershock.client.Credentials;
import aftershock.client.Http;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Where a newcomer starts: the probes Aftershock uses to watch recovery.
 *
 * <pre>
 *   Http http = new Http(Duration.ofSeconds(1));                       // aftershock.probes.timeout
 *   Probe health = Probes.forHttp(http, URI.create("http://127.0.0.1:8081/health"));
 *   Probe ready = Probes.forAll(List.of(readyA, readyB));             // asked in parallel
 * </pre>
 */
public final class Probes {

    private static final ExecutorService PARALLEL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "aftershock-probe-endpoint");
        thread.setDaemon(true);
        return thread;
    });

    private Probes() {
    }

    /** OK when a GET answers 2xx within the client's timeout. */
    public static Probe forHttp(Http http, URI uri) {
        return of("GET " + uri, () -> http.get(uri, Credentials.NONE).ok());
    }

    /**
     * OK when every one of {@code probes} is OK. They are asked in parallel, so one hanging endpoint costs one
     * timeout, not one per endpoint, and the answer says how every endpoint was at the same moment.
     */
    public static Probe forAll(List<Probe> probes) {
        if (probes.size() == 1) {
            return probes.get(0);
        }
        String what = probes.stream().map(Probe::describe).collect(Collectors.joining(" and "));
        return of(what, () -> {
            List<CompletableFuture<Boolean>> answers = probes.stream()
                    .map(probe -> CompletableFuture.supplyAsync(probe::check, PARALLEL))
                    .toList();
            return answers.stream().map(CompletableFuture::join).allMatch(Boolean::booleanValue);
        });
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
