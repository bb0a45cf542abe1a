package aftershock.supervisor;

import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import aftershock.redis.RedisBinary;
import aftershock.redis.RedisProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The built-in target's standalone Redis as a user's own commands see it, next to the processes file in
 * target/aftershock: {@code redis.pid} (the running server's pid, kept by Redis itself), {@code redis.conf} (starts
 * it again as a daemon, same port, data and persistence) and {@code redis-server} (a link to the binary).
 *
 * <pre>
 *   kill -9 $(cat target/aftershock/redis.pid)                          # aftershock.command.redis-kill.inject
 *   target/aftershock/redis-server target/aftershock/redis.conf         # aftershock.command.redis-kill.restore
 * </pre>
 *
 * A Redis started again that way is not the supervisor's child: it is stopped by its pid file when the target
 * stops, and when the next target starts, unless the pid file names a Redis a running supervisor recorded.
 */
final class RedisFiles {

    private static final Logger logger = LoggerFactory.getLogger(RedisFiles.class);

    private RedisFiles() {
    }

    static Path pidFile(LeftoverProcesses leftovers) {
        return leftovers.file().resolveSibling("redis.pid");
    }

    /** Writes redis.conf and the redis-server link for {@code redis}. */
    static void write(LeftoverProcesses leftovers, RedisProcess redis) {
        Path conf = leftovers.file().resolveSibling("redis.conf");
        Path link = leftovers.file().resolveSibling("redis-server");
        try {
            Files.writeString(conf, redis.daemonConfig(pidFile(leftovers)));
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, RedisBinary.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + conf + " and " + link + ": is target/aftershock writable?", e);
        }
    }

    /** Stops the Redis the pid file names if it is a live built-in redis-server the supervisor did not start. */
    static void stopRestarted(LeftoverProcesses leftovers, ProcessKiller killer) {
        Optional<ProcessHandle> named = named(pidFile(leftovers));
        if (named.isEmpty()) {
            return;
        }
        ProcessHandle redis = named.get();
        // A Redis some supervisor started and recorded (another target running meanwhile, in this JVM or another) is
        // not one a command started again: its own supervisor stops it.
        if (leftovers.recorded().stream().anyMatch(recorded -> recorded.pid() == redis.pid())) {
            return;
        }
        killer.kill(redis);
        logger.info("stopped redis-server pid {}, started again by a command (named by {})", redis.pid(), pidFile(leftovers));
    }

    private static Optional<ProcessHandle> named(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            Path binary = RedisBinary.path().toRealPath();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(Path::of).map(binary::equals).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
