package aftershock.probes;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
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
import java.util.function.Supplier;

/**
 * Jepsen-style writes that run through a fault instead of stopping before it: from the baseline, through the kill
 * and past the recovery, every few milliseconds, through the target's own API. Each round writes sequence number n
 * twice: to a key of its own (a set: nothing ever overwrites it, so a later write cannot hide its loss), and to one
 * of a handful of registers, which is then read through another replica. At the end every acknowledged key of its
 * own is read back through every replica.
 *
 * <ul>
 *   <li><b>Lost:</b> an acknowledged write whose key is absent at the end, or holds an older value than it.</li>
 *   <li><b>Stale:</b> a read that returns an older value than one already acknowledged for that register.</li>
 * </ul>
 *
 * <pre>
 *   ContinuousWrites writes = ContinuousWrites.fromSettings(settings.section("integrity"), http, load::identity, replicas);
 *   writes.start();                       // with the baseline
 *   ...                                   // the fault, the recovery
 *   writes.stopAfter(50, Duration.ofSeconds(10));   // 50 more acknowledged writes after the recovery
 *   IntegrityResult result = writes.readBack();
 * </pre>
 */
public final class ContinuousWrites implements AutoCloseable {

    private static final int REGISTERS = 20;
    private static final Duration INTERVAL = Duration.ofMillis(5);
    private static final Duration READ_RETRY_INTERVAL = Duration.ofMillis(200);
    private static final Duration READ_RETRIES_FOR = Duration.ofMillis(800);


    private final Http http;
    private final Supplier<? extends Credentials> credentials;
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
    private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> newestAcknowledged = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService writer;

    public ContinuousWrites(Http http, Supplier<? extends Credentials> credentials, List<URI> replicas, String writeMethod,
                            String writePath, String writeBody, String readPath, String readPointer) {
        this.http = http;
        this.credentials = credentials;
        this.replicas = List.copyOf(replicas);
        this.writeMethod = writeMethod;
        this.writePath = writePath;
        this.writeBody = writeBody;
        this.readPath = readPath;
        this.readPointer = readPointer;
    }

    /** Reads the requests from {@code aftershock.integrity} (write-method, write-path, write-body, read-path, read-pointer). */
    public static ContinuousWrites fromSettings(Settings integrity, Http http, Supplier<? extends Credentials> credentials,
                                                List<URI> replicas) {
        return new ContinuousWrites(http, credentials, replicas, integrity.string("write-method"), integrity.string("write-path"),
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
        URI via = replicas.get((int) (seq % replicas.size()));
        URI other = replicas.get((int) ((seq + 1) % replicas.size()));
        attempted.incrementAndGet();
        String own = "aftershock-" + runId + "-w" + seq;
        if (http.send(writeMethod, TargetPaths.under(via, fill(writePath, own, seq)), credentials.get(), fill(writeBody, own, seq)).ok()) {
            acknowledged.add(seq);
        }
        long register = seq % REGISTERS;
        String id = "aftershock-" + runId + "-r" + register;
        if (!http.send(writeMethod, TargetPaths.under(via, fill(writePath, id, seq)), credentials.get(), fill(writeBody, id, seq)).ok()) {
            return;
        }
        long newest = newestAcknowledged.merge(register, seq, Math::max);
        OptionalLong read = valueOf(http.get(TargetPaths.under(other, fill(readPath, id, 0)), credentials.get()));
        if (read.isPresent() && read.getAsLong() < newest) {
            staleReads.incrementAndGet();
        }
    }

    /** Reads every acknowledged write back through every replica; call after {@link #stopAfter} or {@link #close()}. */
    public IntegrityResult readBack() {
        int lost = 0;
        for (long seq : acknowledged) {
            String own = "aftershock-" + runId + "-w" + seq;
            for (URI replica : replicas) {
                URI uri = TargetPaths.under(replica, fill(readPath, own, 0));
                Http.Answer answer = Wait.forValue("a 200 or 404 from GET " + uri, () -> http.get(uri, credentials.get()),
                                a -> a.status() == 200 || a.status() == 404)
                        .atMost(READ_RETRIES_FOR).pollInterval(READ_RETRY_INTERVAL).awaitOutcome().last();
                if (valueOf(answer).orElse(-1) < seq) {
                    lost++;
                    break;
                }
            }
        }
        return new IntegrityResult(attempted.get(), acknowledged.size(), acknowledged.size() - lost, lost, staleReads.get(),
                "written continuously through the fault, each to a key of its own, read back through every replica "
                        + replicas + "; stale: reads of " + REGISTERS + " overwritten keys through another replica");
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

    private static String fill(String template, String id, long seq) {
        return template.replace("{id}", id).replace("{value}", Long.toString(seq));
    }
}
