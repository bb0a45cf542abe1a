package aftershock.verdict;

/** Why a request failed on the load generator's side, before the system under test could answer. */
public enum GeneratorError {
    /** The generator's process ran out of file descriptors ("Too many open files"). */
    DESCRIPTORS_EXHAUSTED("out of file descriptors"),
    /** No local port was free for a new connection ("Cannot assign requested address"). */
    LOCAL_PORTS_EXHAUSTED("out of local ports"),
    /** The generator's own connection pool refused or timed out the request. */
    CONNECTION_POOL("connection pool limit");

    private final String label;

    GeneratorError(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
