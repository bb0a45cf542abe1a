package aftershock.run;

import aftershock.chaos.ChaosTimeline;
import aftershock.client.Http;
import aftershock.client.PreflightException;
import aftershock.client.TargetPaths;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.generator.ClassPreload;
import aftershock.probes.IntegrityCheck;
import aftershock.report.OutcomeFile;
import aftershock.system.ReplicaUrls;
import aftershock.system.Target;
import aftershock.verdict.Outcome;
import aftershock.verdict.Threshold;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A Gatling simulation judged by Aftershock, and the edge of the program it runs in. The constructor opens the run
 * (configuration, target, preflight), then runs {@link #plan()}, which builds the simulation and ends with
 * {@link #setUpJudged}: the load, the chaos beside it, and the verdict on the thresholds with its assertion.
 * Everything below throws; here bad input (a malformed or out-of-range value, an unreachable target, wrong
 * credentials, a simulation set up without its verdict) becomes one line on stderr, what was started is stopped
 * and the JVM exits with code 2, before any load. The last console line of every run names its outcome.
 *
 * <p>A simulation of one's own extends it the same way: its own Gatling requests through {@link Load} ({@code load}),
 * faults and their probes through {@link Chaos} ({@code chaos}), the lost-data check through {@link #dataCheck},
 * and {@link Threshold}s judged by {@link VerdictStep} ({@code verdict}). The README's "Write your own simulation"
 * prints a whole one, {@code aftershock.simulations.CartUnderRedisOutage}.
 *
 * <pre>
 *   public class SustainedLoad extends JudgedSimulation {
 *       public SustainedLoad() {
 *           super("constant arrival rate over mixed endpoints");
 *       }
 *
 *       protected void plan() {
 *           Settings settings = settings("sustained-load");
 *           ScenarioBuilder users = scenario("sustained load").exec(load.mix(settings.weights("mix")));
 *           setUpJudged(load.warmedUp(users, constantUsersPerSec(settings.positiveInt("rate")).during(settings.scaled("duration"))),
 *                   List.of(Threshold.below(P95_MILLIS, settings.duration("thresholds.p95"))));
 *       }
 *   }
 * </pre>
 */
public abstract class JudgedSimulation extends Simulation {

    private static final Logger logger = LoggerFactory.getLogger(JudgedSimulation.class);
    private static final Duration DATA_CHECK_TIMEOUT = Duration.ofSeconds(2);

    /** The load: protocol, recorded requests, the endpoint mix, the bearer token. */
    protected final Load load;
    /** The chaos: platform, faults, the timeline beside the load. */
    protected final Chaos chaos;
    /** The verdict: values the simulation measures, notes, the lost-data check. */
    protected final VerdictStep verdict;

    private final String simulation;
    private final Ending ending;
    private final Run run;
    private final Injectors injectors;
    private final List<AutoCloseable> closeAtEnd = new CopyOnWriteArrayList<>();
    private boolean judged;

    protected JudgedSimulation(String description) {
        this(description, Target.Needs.STANDALONE);
    }

    protected JudgedSimulation(String description, Target.Needs needs) {
        this(description, needs, Settings::load, Ending.JVM);
    }

    JudgedSimulation(String description, Target.Needs needs, Supplier<Settings> settings, Ending ending) {
        this.simulation = getClass().getSimpleName();
        this.ending = ending;
        OutcomeFile.clear(ending.resultsFolder());
        this.run = refusingBadInput(() -> Run.open(simulation, description, settings.get(), needs));
        this.load = refusingBadInput(() -> new Load(run));
        this.injectors = new Injectors(run);
        this.verdict = new VerdictStep(run, load, ending.resultsFolder(), injectors);
        this.chaos = new Chaos(run, load, verdict::faultObserved);
        refusingBadInput(() -> {
            plan();
            if (!judged) {
                throw new ConfigurationException(simulation + " sets up its load without the verdict, so it could never"
                        + " FAIL: end plan() with setUpJudged(load, thresholds) instead of Gatling's setUp(...)");
            }
            // Only once this injector's own plan was accepted: the others would refuse the same input.
            injectors.startOthers(getClass().getName());
            return null;
        });
        ending.lastLine(this::lastLine);
    }

    /**
     * Builds the simulation, top-down like a test plan: settings, load, faults, thresholds, chaos timeline, and
     * last {@link #setUpJudged}. It runs inside this class's constructor, so bad input it meets is refused with one
     * line; keep what it builds in local variables (the subclass's fields are not yet set while it runs).
     */
    protected abstract void plan();

    /** Sets up {@code load}, then the verdict on {@code thresholds} and the assertion that fails the run on FAIL. */
    protected final void setUpJudged(PopulationBuilder load, List<Threshold> thresholds) {
        judged(load, null, thresholds);
    }

    /** The same, with {@code chaos} running beside the load as one virtual user; the verdict waits for it. */
    protected final void setUpJudged(PopulationBuilder load, ChaosTimeline chaos, List<Threshold> thresholds) {
        judged(load, chaos, thresholds);
    }

    /** A section of the configuration, for example {@code settings("spike-load")}. */
    protected final Settings settings(String section) {
        return run.settings().section(section);
    }

    /** The system under test: the built-in target or the user's (BASE_URL). */
    protected final Target target() {
        return run.target();
    }

    /** The target's endpoint paths ({@code aftershock.target.paths}). */
    protected final TargetPaths paths() {
        return run.paths();
    }

    /**
     * The lost-data check ({@code aftershock.integrity}): {@code write()} it before the faults, and after recovery
     * hand {@code readBack()} to {@code verdict.integrityChecked(...)}, judged by the LOST_WRITES and STALE_READS
     * thresholds. It writes {@code writes} values through the target's API, signed in as the load is, and reads
     * each acknowledged one back through another replica where there is one.
     *
     * <pre>
     *   IntegrityCheck orders = dataCheck(50);
     *   chaos.timeline().beforeFaults("write 50 values", orders::write)
     *           .then(chaos.held(redisKill, Duration.ofSeconds(5), Duration.ofSeconds(5)))
     *           .afterRecovery("read the values back", () -> verdict.integrityChecked(orders.readBack()));
     * </pre>
     */
    protected final IntegrityCheck dataCheck(int writes) {
        List<URI> replicas = ReplicaUrls.of(target(), run.settings().section("target"));
        return IntegrityCheck.fromSettings(run.settings().section("integrity"), writes,
                new Http(DATA_CHECK_TIMEOUT), load.dataIdentities(), replicas, replicas);
    }

    /** Closes {@code resource} after the run, with the target; returns it. */
    protected final <T extends AutoCloseable> T closeAtEnd(T resource) {
        closeAtEnd.add(resource);
        return resource;
    }

    /** Second 0 of the run; if the recording cannot start, nothing is left running. */
    @Override
    public void before() {
        try {
            injectors.awaitStart();
            load.start();
        } catch (RuntimeException e) {
            finish();
            throw e;
        }
    }

    /** Stops everything this run started. Never throws: Gatling skips its report when after() does. */
    @Override
    public void after() {
        finish();
    }

    private void judged(PopulationBuilder users, ChaosTimeline timeline, List<Threshold> thresholds) {
        List<PopulationBuilder> populations = new ArrayList<>();
        // Injector 0 alone fires the faults and runs the probes; the others only send their share of the load.
        PopulationBuilder chaosPopulation = timeline == null || !run.injector().conducts() ? null
                : chaos.population(timeline);
        populations.add(users.andThen(verdict.population(thresholds, chaos.done())));
        if (chaosPopulation != null) {
            populations.add(chaosPopulation);
        }
        populations.add(load.generator().probe());
        load.generator().checkDescriptors();
        ClassPreload.runner();
        verdict.rehearse(thresholds);
        try {
            setUp(populations).protocols(load.protocol()).assertions(VerdictStep.passes());
        } catch (UnsupportedOperationException e) {
            throw new ConfigurationException(simulation + " calls Gatling's setUp(...) and setUpJudged(...), or"
                    + " setUpJudged twice: set up once, with setUpJudged(load, thresholds)");
        }
        judged = true;
    }

    /** Runs a step of opening the run; bad input it throws is the one line, the exit code 2 and nothing running. */
    private <T> T refusingBadInput(Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigurationException | PreflightException | Target.StartException badInput) {
            finish();
            Outcome outcome = Outcome.badInput(badInput.getMessage());
            try {
                OutcomeFile.write(ending.resultsFolder(), simulation, outcome);
            } catch (UncheckedIOException e) {
                logger.warn("{}", e.getMessage());
            }
            ending.refused(outcome.line());
            ending.exit(outcome.exitCode());
            throw badInput;
        } catch (RuntimeException | Error bug) {
            finish();
            throw bug;
        }
    }

    private String lastLine() {
        Outcome outcome = verdict.outcome();
        return outcome != null ? outcome.line()
                : "FAIL (the run stopped before its verdict, interrupted or crashed: see the lines above)";
    }

    private void finish() {
        try {
            if (load != null) {
                load.stop();
            }
            if (injectors != null) {
                injectors.close();
            }
            for (AutoCloseable resource : closeAtEnd) {
                closeAtEnd.remove(resource);
                try {
                    resource.close();
                } catch (Exception e) {
                    logger.warn("while closing {}: {}", resource, e.toString());
                }
            }
        } catch (RuntimeException e) {
            logger.warn("while finishing: {}", e.toString());
        } finally {
            try {
                if (chaos != null) {
                    chaos.close();
                }
            } finally {
                if (run != null) {
                    run.close();
                }
            }
        }
    }
}
