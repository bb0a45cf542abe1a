package aftershock.run;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.client.PreflightException;
import aftershock.report.OutcomeFile;
import aftershock.system.Target;
import aftershock.testing.GatlingDsl;
import aftershock.verdict.Metric;
import aftershock.verdict.Outcome;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import aftershock.verdict.ThresholdResult;
import aftershock.verdict.Verdict;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edge of a run, checked without ending the test's JVM: simulations are built against a stand-in service
 * on loopback (health and login only) and an {@link Ending} that records instead of exiting.
 */
class JudgedSimulationTest {

    /** What simulations built here closed; plan() runs before a subclass's own fields are set, so it is static. */
    static final List<String> CLOSED = new CopyOnWriteArrayList<>();

    @TempDir
    Path results;

    private HttpServer service;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final RecordingEnding ending = new RecordingEnding();

    @BeforeAll
    static void gatlingDsl() {
        GatlingDsl.configure();
    }

    @BeforeEach
    void serviceWithHealthAndLogin() throws IOException {
        CLOSED.clear();
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            switch (exchange.getRequestURI().getPath()) {
                case "/health" -> answer(exchange, 200, "{\"status\":\"UP\"}");
                case "/api/auth/login" -> answer(exchange, 200, "{\"access_token\":\"token-1\"}");
                default -> answer(exchange, 404, "{}");
            }
        });
        service.start();
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    @Test
    void aSimulationThatSetsUpItsLoadWithoutTheVerdictIsRefusedBeforeAnyLoad() throws IOException {
        // Given a simulation that calls Gatling's setUp itself, without the verdict step or its assertion
        // When it is built
        assertThatThrownBy(() -> new ForgetsTheVerdict(settings(), ending)).isInstanceOf(ConfigurationException.class);

        // Then it is refused with one line and exit code 2, and nothing but preflight reached the service
        assertThat(ending.refused).containsExactly("bad input: ForgetsTheVerdict sets up its load without the verdict,"
                + " so it could never FAIL: end plan() with setUpJudged(load, thresholds) instead of Gatling's setUp(...)");
        assertThat(ending.exits).containsExactly(2);
        assertThat(calls).containsExactly("GET /health", "POST /api/auth/login");
        assertThat(OutcomeFile.read(results)).hasValueSatisfying(outcome -> assertThat(outcome.kind()).isEqualTo(Outcome.Kind.BAD_INPUT));
    }

    @Test
    void aBadValueReadWhileBuildingThePlanIsOneLineAndWhatWasStartedIsStopped() {
        // Given rate=-5, read by the plan itself
        Properties overrides = new Properties();
        overrides.setProperty("aftershock.sustained-load.rate", "-5");

        // When the simulation is built
        assertThatThrownBy(() -> new ReadsItsRate(settings(overrides), ending)).isInstanceOf(ConfigurationException.class);

        // Then one line, exit code 2, and what the plan had started is closed
        assertThat(ending.refused).containsExactly("bad input: aftershock.sustained-load.rate must be a positive number, found -5");
        assertThat(ending.exits).containsExactly(2);
        assertThat(CLOSED).containsExactly("probe client");
        assertThat(ending.lastLines).as("a refused run ends with its refusal").isEmpty();
    }

    @Test
    void anEndpointOfOnesOwnThatIsWrongIsOneLineBeforeThePlanIsBuilt() throws IOException {
        // Given an endpoint of one's own whose feeder lacks the column its body uses
        Properties overrides = new Properties();
        overrides.setProperty("aftershock.endpoints.cart.path", "/api/carts/{id}");
        overrides.setProperty("aftershock.endpoints.cart.body", "{\"sku\":\"{csv:skew}\"}");
        overrides.setProperty("aftershock.endpoints.cart.feeder", "skus.csv");

        // When the simulation is built
        assertThatThrownBy(() -> new ReadsItsRate(settings(overrides), ending)).isInstanceOf(ConfigurationException.class);

        // Then the endpoint's line, exit code 2, and the plan never ran
        assertThat(ending.refused).containsExactly("bad input: cart uses {csv:skew}, but aftershock.endpoints.cart.feeder"
                + " 'skus.csv' has the columns sku, name: use one of them, or add the column to the file");
        assertThat(ending.exits).containsExactly(2);
        assertThat(CLOSED).isEmpty();
        assertThat(OutcomeFile.read(results)).hasValueSatisfying(outcome -> assertThat(outcome.exitCode()).isEqualTo(2));
    }

    @Test
    void anUnreachableTargetIsRefusedBeforeThePlanIsBuilt() throws IOException {
        // Given a BASE_URL where nothing listens
        Properties overrides = new Properties();
        overrides.setProperty("aftershock.target.base-url", "http://127.0.0.1:9");

        // When the simulation is built
        assertThatThrownBy(() -> new ReadsItsRate(settings(overrides), ending)).isInstanceOf(PreflightException.class);

        // Then the preflight's line, exit code 2, and the plan never ran
        assertThat(ending.refused).singleElement().asString()
                .startsWith("bad input: target http://127.0.0.1:9/ did not answer /health");
        assertThat(ending.exits).containsExactly(2);
        assertThat(CLOSED).isEmpty();
        assertThat(OutcomeFile.read(results)).hasValueSatisfying(outcome -> assertThat(outcome.exitCode()).isEqualTo(2));
    }

    @Test
    void aSimulationSetUpWithItsVerdictPassesTheEdgeAndItsLastLineWaitsForTheVerdict() {
        // Given a simulation that ends its plan with setUpJudged
        JudgedSimulation simulation = new SetsUpJudged(settings(), ending);

        // Then nothing was refused, and until its verdict ran the last line would not claim a pass
        assertThat(ending.refused).isEmpty();
        assertThat(ending.exits).isEmpty();
        assertThat(ending.lastLines).singleElement().satisfies(line ->
                assertThat(line.get()).startsWith("FAIL (the run stopped before its verdict"));
        simulation.after();
    }

    @Test
    void measurementsAndNotesAttachToTheirThresholdObjectEvenWhenTwoShareAName() {
        // Given two thresholds with the same name, one measured and noted, the other measured differently
        SetsUpJudged simulation = new SetsUpJudged(settings(), ending);
        Threshold first = Threshold.atLeast(Metric.CHECK, 1).named("registry re-created");
        Threshold second = Threshold.atLeast(Metric.CHECK, 1).named("registry re-created");
        simulation.verdict.measured(first, 1);
        simulation.verdict.measure(second, recorded -> {
            simulation.verdict.note(second, "1 of 2 replicas re-created it");
            return 0.0;
        });

        // When the run is judged
        RunSummary summary = simulation.verdict.judge(List.of(first, second), simulation.load.recording());
        simulation.after();

        // Then each threshold got its own value and note
        assertThat(summary.thresholds()).extracting(ThresholdResult::measured).containsExactly(1.0, 0.0);
        assertThat(summary.thresholds()).extracting(ThresholdResult::verdict).containsExactly(Verdict.PASS, Verdict.FAIL);
        assertThat(summary.thresholds()).extracting(ThresholdResult::note).containsExactly(null, "1 of 2 replicas re-created it");
    }

    private Supplier<Settings> settings() {
        return settings(new Properties());
    }

    private Supplier<Settings> settings(Properties overrides) {
        Properties properties = new Properties();
        properties.setProperty("aftershock.target.base-url", "http://127.0.0.1:" + service.getAddress().getPort());
        properties.putAll(overrides);
        return () -> Settings.load(properties);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Forgets the verdict: sets up its load with Gatling's own setUp, so the run could never FAIL. */
    static final class ForgetsTheVerdict extends JudgedSimulation {
        ForgetsTheVerdict(Supplier<Settings> settings, Ending ending) {
            super("forgets its verdict", Target.Needs.STANDALONE, settings, ending);
        }

        @Override
        protected void plan() {
            setUp(scenario("users").exec(load.authenticated()).injectOpen(atOnceUsers(1)));
        }
    }

    /** Opens a probe client (closing it is noted in {@link #CLOSED}), then reads its rate. */
    static final class ReadsItsRate extends JudgedSimulation {
        ReadsItsRate(Supplier<Settings> settings, Ending ending) {
            super("reads its rate", Target.Needs.STANDALONE, settings, ending);
        }

        @Override
        protected void plan() {
            closeAtEnd(() -> CLOSED.add("probe client"));
            int rate = settings("sustained-load").positiveInt("rate");
            setUpJudged(scenario("users").exec(load.authenticated()).injectOpen(atOnceUsers(rate)), List.of());
        }
    }

    /** Sets up its load with the verdict, as every simulation should. */
    static final class SetsUpJudged extends JudgedSimulation {
        SetsUpJudged(Supplier<Settings> settings, Ending ending) {
            super("sets up judged", Target.Needs.STANDALONE, settings, ending);
        }

        @Override
        protected void plan() {
            setUpJudged(scenario("users").exec(load.authenticated()).injectOpen(atOnceUsers(1)),
                    List.of(Threshold.below(Metric.ERROR_RATE_PERCENT, 5)));
        }
    }

    private final class RecordingEnding implements Ending {
        final List<String> refused = new CopyOnWriteArrayList<>();
        final List<Integer> exits = new CopyOnWriteArrayList<>();
        final List<Supplier<String>> lastLines = new CopyOnWriteArrayList<>();

        @Override
        public Path resultsFolder() {
            return results;
        }

        @Override
        public void refused(String line) {
            refused.add(line);
        }

        @Override
        public void exit(int status) {
            exits.add(status);
        }

        @Override
        public void lastLine(Supplier<String> line) {
            lastLines.add(line);
        }
    }
}
