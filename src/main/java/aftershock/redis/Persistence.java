package aftershock.redis;

import java.util.List;

/** What a redis-server keeps across a crash. */
public enum Persistence {
    /** Append-only file, fsynced on every write: everything it acknowledged survives a SIGKILL. */
    AOF_ALWAYS(List.of("--save", "", "--appendonly", "yes", "--appendfsync", "always")),
    /** Nothing on disk: a restart comes back empty. */
    NONE(List.of("--save", "", "--appendonly", "no"));

    private final List<String> arguments;

    Persistence(List<String> arguments) {
        this.arguments = arguments;
    }

    /** The redis-server arguments that set it. */
    List<String> arguments() {
        return arguments;
    }
}
