package aftershock.distributed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one injector says about its part of the run, as {@code injector.json} in its folder: when it was told to
 * start and when its load started (the start skew), and whether its load generator kept up. Its requests are in its
 * interval log, {@code requests.hlog} beside it.
 *
 * @param startAtEpochMillis       the common start instant it was handed
 * @param loadStartedAtEpochMillis when its own load, and its interval log, started
 * @param generatorKeptUp          false when its load generator fell behind: the merged run is then INVALID
 * @param generatorLine            what its generator measured, for the reports
 * @param failedEpochTenths        the tenths of a second since the epoch in which one of its requests failed, so the
 *                                 merged run's user-visible error time keeps 100 ms resolution; null when unknown
 */
public record InjectorReport(int index, int count, long startAtEpochMillis, long loadStartedAtEpochMillis,
                             boolean generatorKeptUp, String generatorLine, List<Long> failedEpochTenths) {

    /** The file in an injector's folder. */
    public static final String FILE = "injector.json";
    /** Its interval log, beside it. */
    public static final String INTERVAL_LOG = "requests.hlog";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How late its load started after the common start instant, in milliseconds. */
    public long lateMillis() {
        return loadStartedAtEpochMillis - startAtEpochMillis;
    }

    /** Writes {@code injector.json} into the folder. */
    public void write(Path folder) {
        try {
            Files.createDirectories(folder);
            Path tmp = folder.resolve(FILE + ".tmp");
            MAPPER.writeValue(tmp.toFile(), this);
            Files.move(tmp, folder.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(FILE) + ": check the folder is writable", e);
        }
    }

    /** The report in the folder, or empty when the injector never wrote one. */
    public static Optional<InjectorReport> read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), InjectorReport.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
