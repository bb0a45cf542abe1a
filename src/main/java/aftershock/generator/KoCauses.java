package aftershock.generator;

import aftershock.verdict.GeneratorError;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a request that failed on the load generator's side from one the target failed. Gatling keeps a KO's
 * message out of the virtual user's session; it logs it instead, at DEBUG, as "Request '{}' failed for user {}: {}"
 * (logger {@value #GATLING_KO_LOGGER}), on the thread that then runs the user's next step. This appender listens to
 * that logger alone (nothing reaches the console) and keeps the cause of each generator-side KO by user id, until
 * the request's recording {@link #take}s it.
 *
 * <pre>
 *   KoCauses causes = KoCauses.listen();
 *   Optional&lt;GeneratorError&gt; cause = causes.take(session.userId());   // in the step after the request
 * </pre>
 */
public final class KoCauses extends AppenderBase<ILoggingEvent> {

    static final String GATLING_KO_LOGGER = "io.gatling.http.engine.response.DefaultStatsProcessor";

    private final Map<Long, GeneratorError> byUser = new ConcurrentHashMap<>();

    private KoCauses() {
    }

    /** Starts listening to Gatling's KO messages; null when the logging backend is not Logback. */
    public static KoCauses listen() {
        if (!(LoggerFactory.getLogger(GATLING_KO_LOGGER) instanceof Logger gatling)) {
            return null;
        }
        KoCauses causes = new KoCauses();
        causes.setContext(gatling.getLoggerContext());
        causes.setName("aftershock-ko-causes");
        causes.start();
        gatling.detachAppender(causes.getName());
        gatling.addAppender(causes);
        gatling.setLevel(Level.DEBUG);
        gatling.setAdditive(false);
        return causes;
    }

    /** The generator-side cause of that user's last KO, removed; empty when it was the target's or there was none. */
    public Optional<GeneratorError> take(long userId) {
        return Optional.ofNullable(byUser.remove(userId));
    }

    /** Which generator-side failure a KO message reports, if any. */
    public static Optional<GeneratorError> classify(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String text = message.toLowerCase(Locale.ROOT);
        if (text.contains("too many open files") || text.contains("error(-24)") || text.contains("emfile")
                || text.contains("enfile")) {
            return Optional.of(GeneratorError.DESCRIPTORS_EXHAUSTED);
        }
        if (text.contains("cannot assign requested address") || text.contains("error(-99)")
                || text.contains("eaddrnotavail")) {
            return Optional.of(GeneratorError.LOCAL_PORTS_EXHAUSTED);
        }
        if (text.contains("pool") && (text.contains("acquire") || text.contains("exhausted") || text.contains("full"))) {
            return Optional.of(GeneratorError.CONNECTION_POOL);
        }
        return Optional.empty();
    }

    @Override
    protected void append(ILoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        if (arguments == null || arguments.length < 3 || !(arguments[1] instanceof Long userId)) {
            return;
        }
        classify(String.valueOf(arguments[2])).ifPresent(cause -> byUser.put(userId, cause));
    }
}
