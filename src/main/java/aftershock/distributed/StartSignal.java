package aftershock.distributed;

import aftershock.waiting.Wait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The common start instant of a run's injectors, handed out through the run folder when it was not given up front:
 * each injector writes {@code ready} into its folder once its simulation is built, injector 0 writes
 * {@code start-at} into the run folder once all are ready, and every injector waits for that instant.
 *
 * <pre>
 *   StartSignal signal = new StartSignal(runFolder);
 *   signal.ready(1);                                     // injector 1, once built
 *   Instant startAt = signal.awaitStart(Duration.ofSeconds(90));
 * </pre>
 */
public final class StartSignal {

    static final String START_AT = "start-at";
    private static final String READY = "ready";
    /** Time for the injectors to read the instant and get to their load before it comes. */
    static final Duration LEAD = Duration.ofMillis(500);

    private final Path runFolder;

    public StartSignal(Path runFolder) {
        this.runFolder = runFolder;
    }

    /** The folder of injector {@code index} in this run. */
    public Path folder(int index) {
        return runFolder.resolve("injector-" + index);
    }

    /** Injector {@code index} is built and waits for the start. */
    public void ready(int index) {
        write(folder(index).resolve(READY), Instant.now().toString());
    }

    boolean isReady(int index) {
        return Files.exists(folder(index).resolve(READY));
    }

    /** Injector 0: every injector is ready; the load starts a moment from now, on all of them. */
    public Instant start() {
        Instant startAt = Instant.now().plus(LEAD);
        write(runFolder.resolve(START_AT), startAt.toString());
        return startAt;
    }

    /** Waits for injector 0 to hand out the start instant, and returns it. */
    public Instant awaitStart(Duration timeout) {
        return Wait.forValue("injector 0 to write the start instant into " + runFolder.resolve(START_AT),
                        this::startAt, Optional::isPresent)
                .atMost(timeout).pollInterval(Duration.ofMillis(5))
                .onTimeout(() -> "is injector 0 running? it hands out the start once every injector is ready")
                .await().orElseThrow();
    }

    /** Waits until {@code instant}, then returns: the load starts there on every injector. */
    public static void awaitInstant(Instant instant) {
        Duration until = Duration.between(Instant.now(), instant);
        if (until.isNegative()) {
            return;
        }
        Wait.forValue("the common start instant " + instant, Instant::now, now -> !now.isBefore(instant))
                .atMost(until.plusSeconds(1)).pollInterval(Duration.ofMillis(1)).await();
    }

    private Optional<Instant> startAt() {
        Path file = runFolder.resolve(START_AT);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(Files.readString(file).trim()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": check the folder is writable", e);
        }
    }
}
