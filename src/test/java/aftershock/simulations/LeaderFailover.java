package aftershock.simulations;

import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.client.Http;
import aftershock.config.Settings;
import aftershock.platform.PlannedFault;
import aftershock.probes.JobRun;
import aftershock.probes.LeaderSources;
import aftershock.probes.Leadership;
import aftershock.run.JudgedSimulation;
import aftershock.verdict.Threshold;
import aftershock.waiting.Wait;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Metric.OVERLAPPING_LEADERS;
import static aftershock.verdict.Metric.RECOVERY_SECONDS;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 000, the leader election it could not test: under load, kill the replica that leads, and measure the time
 * until a different one holds the lease and runs the leader job (FAIL past 15 s, or if nobody leads). Then pause
 * the new leader (SIGSTOP) past its lease and resume it: FAIL if two replicas ever acted as leader in overlapping
 * windows, read from every recorded run of the job. Who leads and the job's runs come from aftershock.leader.
 */
@Kind(RESILIENCE)
public class LeaderFailover extends JudgedSimulation {

    public LeaderFailover() {
        super("the leader killed, then paused past its lease, under load");
    }

    @Override
    protected void plan() {
        Settings settings = settings("leader-failover");
        int rate = settings.positiveInt("rate");
        Duration baseline = settings.scaled("baseline");
        Duration after = settings.scaledAtLeast("after", chaos.minAfterFault());
        Duration pause = settings.duration("pause");
        boolean pauseLeader = settings.flag("pause-leader");
        Duration overlapTolerance = settings.duration("overlap-tolerance");

        ScenarioBuilder users = scenario("leader failover").exec(load.mix(settings.weights("mix")));

        LeaderSources leader = closeAtEnd(LeaderSources.fromSettings(settings("leader"), target().redisAddress(),
                target().baseUrls().get(0), new Http(Duration.ofSeconds(2)), load::identity,
                settings("kubernetes").string("namespace"))).checked();
        PlannedFault killLeader = chaos.platform().leaderKill(leader.holder(), leader.runs());
        PlannedFault stopLeader = pauseLeader ? chaos.platform().leaderPause(leader.holder(), leader.runs()) : null;

        Threshold newLeader = Threshold.below(RECOVERY_SECONDS, settings.duration("thresholds.new-leader")).forFault(killLeader)
                .describedAs("time to a new leader that runs the job");
        Threshold overlapping = Threshold.atMost(OVERLAPPING_LEADERS, settings.nonNegativeInt("thresholds.overlapping-leaders"))
                .describedAs("two leaders at once (overlapping windows of job runs)");

        AtomicReference<Instant> watchedFrom = new AtomicReference<>();
        ChaosTimeline timeline = chaos.timeline(settings.duration("give-up-after"))
                .beforeFaults("wait for a leader that runs the job", () -> watchedFrom.set(awaitLeader(leader)))
                .then(chaos.selfHealing(killLeader, baseline).judgedBy(newLeader));
        if (stopLeader != null) {
            timeline.then(chaos.held(stopLeader, baseline.plus(after), pause));
        }
        timeline.afterRecovery("read who led when from the job's runs", () -> {
            List<JobRun> runs = runsSettled(leader, watchedFrom.get(), stopLeader == null ? Duration.ZERO : Duration.ofSeconds(1));
            judgeOverlaps(Leadership.of(runs), watchedFrom.get(), overlapTolerance, overlapping);
        });

        Duration duration = baseline.plus(after).plus(stopLeader == null ? Duration.ZERO : pause.plus(after));
        setUpJudged(load.warmedUp(users, constantUsersPerSec(rate).during(duration)), timeline, List.of(newLeader, overlapping));
    }

    /** When a leader first ran the job: from then on its runs are watched. */
    private static Instant awaitLeader(LeaderSources leader) {
        Instant from = Instant.now().minusSeconds(5);
        Wait.forValue("a leader in " + leader.holder().describe() + " and its job runs in " + leader.runs().describe(),
                        () -> leader.holder().current().isPresent() && !leader.runs().since(from).isEmpty(), Boolean::booleanValue)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .onTimeout(() -> "check aftershock.leader: the holder and the job's runs must both be readable")
                .await();
        return leader.runs().since(from).get(0).at();
    }

    /** Every run since {@code from}, once the job has run at least {@code settle} after the last fault was restored. */
    private static List<JobRun> runsSettled(LeaderSources leader, Instant from, Duration settle) {
        Instant until = Instant.now().plus(settle);
        Wait.forValue("a run of the leader job after " + until, () -> leader.runs().since(until), runs -> !runs.isEmpty())
                .atMost(settle.plusSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .awaitOutcome();
        return leader.runs().since(from);
    }

    private void judgeOverlaps(Leadership leadership, Instant zero, Duration tolerance, Threshold overlapping) {
        List<Leadership.Overlap> overlaps = leadership.overlaps(tolerance);
        verdict.measured(overlapping, overlaps.size());
        String windows = leadership.windows().stream().map(w -> w.describe(zero)).collect(Collectors.joining(", "));
        String note = overlaps.isEmpty()
                ? leadership.windows().size() + " leadership windows, none overlapping: " + windows
                : overlaps.stream().map(o -> o.describe(zero)).collect(Collectors.joining("; "));
        verdict.note(overlapping, note);
        System.out.println("aftershock: leader windows (seconds from the first run watched): " + windows);
        overlaps.forEach(o -> System.out.println("aftershock: two leaders at once: " + o.describe(zero)));
    }
}
