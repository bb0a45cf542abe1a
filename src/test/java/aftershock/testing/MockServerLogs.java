package aftershock.testing;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silences the fabric8 mock server, which logs every request at INFO through java.util.logging
 * (logback-test.xml cannot reach it without jul-to-slf4j).
 *
 * <pre>
 *   &#64;BeforeAll static void quiet() { MockServerLogs.quiet(); }
 * </pre>
 */
public final class MockServerLogs {

    // JUL holds loggers weakly: keep this one, or the level is lost when it is collected.
    private static final Logger mockWebServer = Logger.getLogger("io.fabric8.mockwebserver");

    private MockServerLogs() {
    }

    /** Only warnings and errors from the mock server from now on. */
    public static void quiet() {
        mockWebServer.setLevel(Level.WARNING);
    }
}
