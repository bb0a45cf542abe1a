package aftershock.generator;

import java.util.Optional;

/**
 * Checks, before any load, that the generator's file descriptor limit leaves room for the connections the run may
 * open, the reserve, and what the JVM already holds (jars, logs) plus headroom for the reports.
 *
 * <pre>
 *   DescriptorBudget.shortfall(1024, 180, 64, 2 * 64)   // empty: enough
 *   DescriptorBudget.shortfall(256, 180, 64, 5000)      // "the generator may need 5500 file descriptors ..."
 * </pre>
 */
public final class DescriptorBudget {

    /** Descriptors kept free beyond the estimate: class files, the interval log, Gatling's report. */
    static final long HEADROOM = 256;

    private DescriptorBudget() {
    }

    /**
     * Why the limit is too low, or empty when it is enough.
     *
     * @param limit       the process's descriptor limit
     * @param open        descriptors open now
     * @param reserve     descriptors held in reserve for the verdict
     * @param connections connections the run may open at most
     */
    public static Optional<String> shortfall(long limit, long open, long reserve, long connections) {
        long needed = open + reserve + connections + HEADROOM;
        if (needed <= limit) {
            return Optional.empty();
        }
        return Optional.of("the load generator may need " + needed + " file descriptors (" + connections
                + " connections, " + open + " open now, " + reserve + " in reserve, " + HEADROOM
                + " for the reports) but its limit is " + limit + ": raise it with 'ulimit -n " + roundUp(needed * 2)
                + "' in the shell that runs mvn, or lower the rate or aftershock.target.request-timeout");
    }

    private static long roundUp(long value) {
        long step = 1024;
        return (value + step - 1) / step * step;
    }
}
