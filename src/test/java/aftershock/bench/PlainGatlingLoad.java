package aftershock.bench;

import aftershock.generator.GeneratorMonitor;
import aftershock.generator.KoCauses;
import aftershock.verdict.GeneratorHealth;
import aftershock.verdict.GeneratorLimits;
import aftershock.verdict.GeneratorRecord;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * SustainedLoad's shape in plain Gatling, for the benchmark: the same open injection, endpoint mix and shared
 * connection pool, and the same 5 s warm-up ramp when asked, with none of Aftershock's request recording, ticks, interval log or verdict. What it achieved is
 * watched by the same passive {@link GeneratorMonitor} and judged by the same {@link GeneratorHealth} as an
 * Aftershock run, so the two generators' health figures compare like for like.
 *
 * <pre>
 *   java -Dplain.base-url=http://127.0.0.1:8080 -Dplain.rate=500 -Dplain.seconds=12 -cp ... \
 *       io.gatling.app.Gatling -s aftershock.bench.PlainGatlingLoad -rf target/plain
 * </pre>
 * It prints one line per second and ends with {@code plain gatling: kept up} or {@code plain gatling: DID NOT KEEP UP (why)}.
 */
public class PlainGatlingLoad extends Simulation {

    private static final Duration PROBE_PAUSE = Duration.ofMillis(10);

    private final String baseUrl = System.getProperty("plain.base-url", "http://127.0.0.1:8080");
    private final int rate = Integer.getInteger("plain.rate", 500);
    private final int seconds = Integer.getInteger("plain.seconds", 12);
    /** SustainedLoad's warm-up above 1,000 users/s: a ramp from 1 user/s to the rate, never judged. */
    private final int warmUpSeconds = Integer.getInteger("plain.warm-up-seconds", 0);
    private volatile GeneratorMonitor monitor;
    private volatile KoCauses koCauses;

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .acceptHeader("application/json")
            .shareConnections()
            .warmUp(baseUrl + "/health");

    private final ChainBuilder arrive = exec(session -> {
        GeneratorMonitor watching = monitor;
        if (watching != null) {
            watching.arrived();
            watching.sent();
        }
        return session;
    });

    private final ChainBuilder mixedEndpoints = randomSwitch().on(
            new Choice.WithWeight(40, exec(http("jwt status").get("/api/auth/jwt/status").header("Authorization", "Bearer x"))),
            new Choice.WithWeight(20, exec(http("agents").get("/api/agents").header("Authorization", "Bearer x"))),
            new Choice.WithWeight(20, exec(http("api keys").get("/api/keys").header("Authorization", "Bearer x"))),
            new Choice.WithWeight(20, exec(http("health").get("/health"))));

    /** A KO the generator caused (out of descriptors, of local ports) is counted as Aftershock counts it. */
    private final ChainBuilder ownFailures = exec(session -> {
        KoCauses causes = koCauses;
        GeneratorMonitor watching = monitor;
        if (session.isFailed() && causes != null && watching != null) {
            causes.take(session.userId()).ifPresent(watching::failed);
        }
        return session;
    });

    private final ScenarioBuilder users = scenario("sustained load").exec(arrive).exec(mixedEndpoints).exec(ownFailures);

    private final ScenarioBuilder probe = scenario("generator probe")
            .asLongAs(session -> monitor == null || monitor.watching()).on(
                    exec(session -> session.set("t0", System.nanoTime()))
                            .pause(PROBE_PAUSE)
                            .exec(session -> {
                                GeneratorMonitor watching = monitor;
                                if (watching != null) {
                                    long sleptNanos = System.nanoTime() - session.getLong("t0");
                                    watching.probed((sleptNanos - PROBE_PAUSE.toNanos()) / 1_000_000);
                                }
                                return session;
                            }));

    {
        List<OpenInjectionStep> steps = new ArrayList<>();
        if (warmUpSeconds > 0) {
            steps.add(rampUsersPerSec(1).to(rate).during(warmUpSeconds));
        }
        steps.add(constantUsersPerSec(rate).during(seconds));
        setUp(users.injectOpen(steps)
                        .andThen(scenario("end").exec(session -> {
                            report();
                            return session;
                        }).injectOpen(atOnceUsers(1))),
                probe.injectOpen(atOnceUsers(1)))
                .protocols(protocol);
    }

    @Override
    public void before() {
        koCauses = KoCauses.listen();
        monitor = GeneratorMonitor.start();
    }

    @Override
    public void after() {
        report();
    }

    private synchronized void report() {
        GeneratorMonitor watching = monitor;
        if (watching == null || !watching.watching()) {
            return;
        }
        List<Double> plan = new ArrayList<>();
        for (int second = 0; second < warmUpSeconds; second++) {
            plan.add(1 + (rate - 1) * (second + 0.5) / warmUpSeconds);
        }
        plan.addAll(Collections.nCopies(seconds, (double) rate));
        GeneratorRecord record = watching.stop(plan, Duration.ofSeconds(warmUpSeconds));
        GeneratorHealth health = GeneratorHealth.judge(record, GeneratorLimits.defaults());
        StringBuilder out = new StringBuilder();
        for (GeneratorHealth.SecondFigures s : health.seconds()) {
            out.append(String.format(Locale.ROOT, "plain gatling: second %2d  arrivals %5d  late %5d  max late %4d ms"
                            + "  GC %3d ms  CPU %s %%%n", s.second(), s.arrivals(), s.lateRequests(), s.maxLateMillis(),
                    s.gcPauseMillis(), s.cpuPercent()));
        }
        GeneratorHealth.Figures f = health.figures();
        out.append(String.format(Locale.ROOT, "plain gatling: %d of %d planned users, %.2f %% late (max %d ms),"
                        + " longest GC %d ms, CPU %s %%%n", f.arrivals(), f.plannedArrivals(), f.latePercent(),
                f.maxLateMillis(), f.longestGcPauseMillis(), f.cpuMeanPercent()));
        out.append("plain gatling: ").append(health.keptUp() ? "kept up" : "DID NOT KEEP UP (" + health.reason() + ")")
                .append(System.lineSeparator());
        System.out.print(out);
        System.out.flush();
    }
}
