package aftershock.probes;

import aftershock.client.Http;
import aftershock.config.Settings;
import aftershock.threads.DaemonScheduler;
import aftershock.verdict.IntegrityResult;
import aftershock.waiting.Wait;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jepsen-style writes that run through a fault instead of stopping before it: from the baseline, through the kill
 * and past the recovery, one write every {@code interval} to a handful of keys through the target's own API, each
 * value a sequence number higher than every earlier one. After each acknowledged write the key is read through
 * another replica. At the end every key is read back.
 *
 * <ul>
 *   <li><b>Lost:</b> an acknowledged write whose key is absent at the end, or holds an older value than it.</li>
 *   <li><b>Stale:</b> a read that returns an older value than one already acknowledged for that key.</li>
 * </ul>
 *
 * <pre>
 *   ContinuousWrites writes = ContinuousWrites.fromSettings(settings.section("integrity"), http, token, replicas);
 *   writes.start();                       // with the baseline
 *   ...                                   // the fault, the recovery
 *   writes.stopAfter(50, Duration.ofSeconds(10));   // 50 more acknowledged writes after the recovery
 *   IntegrityResult result = writes.readBack();
 * </pre>
 */
public final class ContinuousWrites implements AutoCloseable {

    private static final int KEYS = 20;
    private static final Duration INTERVAL = Duration.ofMillis(5);
    private static final Duration READ_RETRY_INTERVAL = Duration.ofMillis(200);
    private static final Duration READ_RETRIES_FOR = Duration.ofMillis(800);

    private record Write(int key, long sequence) {
    }

    private final Http http;
    private final java.util.function.Supplier<String> token;
    private final List<URI> replicas;
    private final String writeMethod;
    private final String writePath;
    private final String writeBody;
    private final String readPath;
    private final String readPointer;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger staleReads = new AtomicInteger();
    private final List<Write> acknowledged = new CopyOnWriteArrayList<>();
    private final Map<Integer, Long> newestAcknowledged = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService writer;

    public ContinuousWrites(Http http, java.util.function.Supplier<String> token, List<URI> replicas, String writeMethod,
                            String writePath, String writeBody, String readPath, String readPointer) {
        this.http = http;
        this.token = token;
        this.replicas = List.copyOf(replicas);
        this.writeMethod = writeMethod;
        this.writePath = writePath;
        this.writeBody = writeBody;
        this.readPath = readPath;
        this.readPointer = readPointer;
    }

    /** Reads the requests from {@code aftershock.integrity} (write-method, write-path, write-body, read-path, read-pointer). */
    public static ContinuousWrites fromSettings(Settings integrity, Http http, java.util.function.Supplier<String> token,
                                                List<URI> replicas) {
        return new ContinuousWrites(http, token, replicas, integrity.string("write-method"), integrity.string("write-path"),
                integrity.string("write-body"), integrity.string("read-path"), integrity.string("read-pointer"));
    }

    /** Starts writing on a daemon thread; idempotent. */
    public synchronized void start() {
        if (writer == null) {
            writer = DaemonScheduler.create("aftershock-writes");
            writer.scheduleWithFixedDelay(this::writeOnce, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Goes on until {@code more} further writes are acknowledged (or {@code atMost} passed), then stops writing. */
    public void stopAfter(int more, Duration atMost) {
        int target = acknowledged.size() + more;
        Wait.forValue(more + " more acknowledged writes", acknowledged::size, n -> n >= target)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .awaitOutcome();
        close();
    }

    /** How many writes were acknowledged so far. */
    public int acknowledgedCount() {
        return acknowledged.size();
    }

    private void writeOnce() {
        long seq = sequence.incrementAndGet();
        int key = (int) (seq % KEYS);
        int via = (int) (seq % replicas.size());
        attempted.incrementAndGet();
        Http.Answer answer = http.send(writeMethod, replicas.get(via).resolve(fill(writePath, key, seq)), token.get(),
                fill(writeBody, key, seq));
        if (!answer.ok()) {
            return;
        }
        acknowledged.add(new Write(key, seq));
        newestAcknowledged.merge(key, seq, Math::max);
        URI other = replicas.get((via + 1) % replicas.size());
        OptionalLong read = valueOf(http.get(other.resolve(fill(readPath, key, 0)), token.get()));
        if (read.isPresent() && read.getAsLong() < newestAcknowledged.get(key)) {
            staleReads.incrementAndGet();
        }
    }

    /** Reads every key back through every replica; call after {@link #stopAfter} or {@link #close()}. */
    public IntegrityResult readBack() {
        Map<Integer, Long> oldestSeen = new ConcurrentHashMap<>();
        for (int key : newestAcknowledged.keySet()) {
            long oldest = Long.MAX_VALUE;
            for (URI replica : replicas) {
                URI uri = replica.resolve(fill(readPath, key, 0));
                Http.Answer answer = Wait.forValue("a 200 or 404 from GET " + uri, () -> http.get(uri, token.get()),
                                a -> a.status() == 200 || a.status() == 404)
                        .atMost(READ_RETRIES_FOR).pollInterval(READ_RETRY_INTERVAL).awaitOutcome().last();
                oldest = Math.min(oldest, valueOf(answer).orElse(-1));
            }
            oldestSeen.put(key, oldest);
        }
        int lost = (int) acknowledged.stream().filter(w -> oldestSeen.get(w.key()) < w.sequence()).count();
        return new IntegrityResult(attempted.get(), acknowledged.size(), acknowledged.size() - lost, lost, staleReads.get(),
                "written continuously through the fault; every key read back through " + replicas
                        + ", and each write read once through another replica");
    }

    /** Stops writing; safe to call twice. */
    @Override
    public synchronized void close() {
        if (writer != null) {
            DaemonScheduler.stop(writer);
        }
    }

    private OptionalLong valueOf(Http.Answer answer) {
        if (!answer.ok()) {
            return OptionalLong.empty();
        }
        JsonNode value = answer.json().at(readPointer);
        try {
            return OptionalLong.of(Long.parseLong(value.asText("")));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private String fill(String template, int key, long seq) {
        return template.replace("{id}", "aftershock-" + runId + "-w" + key).replace("{value}", Long.toString(seq));
    }
}
