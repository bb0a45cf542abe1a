package aftershock.probes;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.config.Settings;
import aftershock.threads.DaemonScheduler;
import aftershock.verdict.IntegrityResult;
import aftershock.waiting.Wait;

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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Jepsen-style writes that run through a fault instead of stopping before it: from the baseline, through the kill
 * and past the recovery, every few milliseconds, through the target's own API. Each round writes sequence number n
 * twice: to a key of its own (a set: nothing ever overwrites it, so a later write cannot hide its loss), and to one
 * of a handful of registers, which is then read through another replica. At the end every acknowledged key of its
 * own is read back through every replica, signed in as it was written. In cookie mode the writes share a session
 * until it is refused (401 or 403: lost with the session store), then sign in anew: a value whose session is gone
 * reads back 401, and counts as lost.
 *
 * <ul>
 *   <li><b>Lost:</b> an acknowledged write whose key is absent at the end, or holds an older value than it.</li>
 *   <li><b>Stale:</b> a read that returns an older value than one already acknowledged for that register.</li>
 * </ul>
 *
 * <pre>
 *   ContinuousWrites writes = ContinuousWrites.fromSettings(settings.section("integrity"), http, load.dataIdentities(), replicas);
 *   writes.start();                       // with the baseline
 *   ...                                   // the fault, the recovery
 *   writes.stopAfter(50, Duration.ofSeconds(10));   // 50 more acknowledged writes after the recovery
 *   IntegrityResult result = writes.readBack();
 * </pre>
 */
public final class ContinuousWrites implements AutoCloseable {

    private static final int REGISTERS = 20;
    private static final Duration INTERVAL = Duration.ofMillis(5);

    private final Http http;
    private final DataIdentities identities;
    private final List<URI> replicas;
    private final DataRequests requests;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger staleReads = new AtomicInteger();
    private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    private final Map<Long, Credentials> writtenAs = new ConcurrentHashMap<>();
    private final Map<Long, Long> newestAcknowledged = new ConcurrentHashMap<>();
    private final AtomicReference<Credentials> writer = new AtomicReference<>();
    private volatile ScheduledExecutorService scheduler;

    public ContinuousWrites(Http http, DataIdentities identities, List<URI> replicas, DataRequests requests) {
        this.http = http;
        this.identities = identities;
        this.replicas = List.copyOf(replicas);
        this.requests = requests;
    }

    /** Reads the requests from {@code aftershock.integrity} (write-method, write-path, write-body, read-path, read-pointer). */
    public static ContinuousWrites fromSettings(Settings integrity, Http http, DataIdentities identities, List<URI> replicas) {
        return new ContinuousWrites(http, identities, replicas, DataRequests.from(integrity));
    }

    /** Starts writing on a daemon thread; idempotent. */
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = DaemonScheduler.create("aftershock-writes");
            scheduler.scheduleWithFixedDelay(this::writeOnce, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
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
        Credentials as = writer();
        if (as == null) {
            return;
        }
        String own = "aftershock-" + runId + "-w" + seq;
        Http.Answer ownWrite = requests.write(http, via, as, own, Long.toString(seq));
        if (ownWrite.ok()) {
            writtenAs.put(seq, as);
            acknowledged.add(seq);
        } else if (ownWrite.status() == 401 || ownWrite.status() == 403) {
            writer.compareAndSet(as, null);
            return;
        }
        long register = seq % REGISTERS;
        String id = "aftershock-" + runId + "-r" + register;
        if (!requests.write(http, via, as, id, Long.toString(seq)).ok()) {
            return;
        }
        long newest = newestAcknowledged.merge(register, seq, Math::max);
        OptionalLong read = valueOf(requests.read(http, other, as, id));
        if (read.isPresent() && read.getAsLong() < newest) {
            staleReads.incrementAndGet();
        }
    }

    // The shared writer identity; signed in anew once refused (its session lost). Null while sign-in fails mid-fault.
    private Credentials writer() {
        Credentials current = writer.get();
        if (current != null && identities.sessionPerValue()) {
            return current;
        }
        try {
            Credentials fresh = identities.forNewValue();
            writer.set(fresh);
            return fresh;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads every acknowledged write back through every replica; call after {@link #stopAfter} or {@link #close()}. */
    public IntegrityResult readBack() {
        int lost = 0;
        for (long seq : acknowledged) {
            String own = "aftershock-" + runId + "-w" + seq;
            for (URI replica : replicas) {
                if (valueOf(requests.readBack(http, replica, writtenAs.get(seq), own)).orElse(-1) < seq) {
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
        if (scheduler != null) {
            DaemonScheduler.stop(scheduler);
        }
    }

    private OptionalLong valueOf(Http.Answer answer) {
        try {
            return requests.value(answer).map(text -> OptionalLong.of(Long.parseLong(text))).orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
