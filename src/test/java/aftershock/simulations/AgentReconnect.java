package aftershock.simulations;

import aftershock.agents.AgentChecks;
import aftershock.agents.AgentEvent;
import aftershock.agents.AgentFleet;
import aftershock.agents.AgentProtocol;
import aftershock.agents.AgentReport;
import aftershock.agents.AgentSettings;
import aftershock.agents.Reconnections;
import aftershock.catalog.Kind;
import aftershock.chaos.ChaosTimeline;
import aftershock.config.Settings;
import aftershock.platform.Platform.KillPlan;
import aftershock.platform.PlannedFault;
import aftershock.run.JudgedSimulation;
import aftershock.system.ReplicaUrls;
import aftershock.verdict.Threshold;
import aftershock.waiting.Wait;
import io.gatling.javaapi.core.ScenarioBuilder;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static aftershock.catalog.SimulationKind.RESILIENCE;
import static aftershock.verdict.Metric.AGENTS_NOT_BACK;
import static aftershock.verdict.Metric.AGENT_MAPPING_PERCENT;
import static aftershock.verdict.Metric.AGENT_RECONNECT_P95_SECONDS;
import static aftershock.verdict.Metric.COMMANDS_DELIVERED_PERCENT;
import static aftershock.verdict.Metric.STALE_DISCONNECTS;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Seed 000, the agents it checked by reading logs: M simulated agents hold WebSocket connections beside the load.
 * Kill one replica, then replace Redis (it comes back empty). Per fault: each agent's drop and reconnection at 100 ms
 * (P95 below 5 s, none left behind). After recovery: every agent's mapping in Redis names the replica it is connected
 * to, and a command sent through another replica reaches it. Over the whole run: no agent unregistered as stale.
 */
@Kind(RESILIENCE)
public class AgentReconnect extends JudgedSimulation {

    public AgentReconnect() {
        super("agents on WebSockets through a replica kill and a Redis replace, under load");
    }

    @Override
    protected void plan() {
        Settings settings = settings("agent-reconnect");
        Settings agents = settings("agents");
        int rate = settings.positiveInt("rate");
        Duration baseline = settings.scaled("baseline");
        Duration after = settings.scaledAtLeast("after", chaos.minAfterFault());
        Duration redisOutage = settings.duration("redis-outage");
        int count = agents.positiveInt("count");

        ScenarioBuilder users = scenario("agent reconnect").exec(load.mix(settings.weights("mix")));

        // The built-in target's agents connect through its front door (one address, any live replica) when it has one.
        List<String> builtInAgents = target().builtIn() == null ? List.of() : target().builtIn().local().agentEndpoints();
        AgentProtocol protocol = AgentSettings.protocol(agents, builtInAgents);
        String commandTemplate = AgentSettings.commandTemplate(agents);
        PlannedFault podKill = chaos.platform().podKills(KillPlan.ONE).get(0);
        PlannedFault redisReplace = chaos.platform().redisReplace();

        Threshold reconnection = Threshold.below(AGENT_RECONNECT_P95_SECONDS, settings.duration("thresholds.reconnection-p95"))
                .describedAs("agent reconnection P95");
        Threshold notBack = Threshold.atMost(AGENTS_NOT_BACK, settings.nonNegativeInt("thresholds.not-back"))
                .describedAs("agents that never came back");
        Threshold mapping = Threshold.atLeast(AGENT_MAPPING_PERCENT, settings.number("thresholds.mapping-percent"))
                .describedAs("agents mapped to their replica after recovery");
        Threshold commands = Threshold.atLeast(COMMANDS_DELIVERED_PERCENT, settings.number("thresholds.commands-percent"))
                .describedAs("commands through another replica delivered");
        Threshold stale = Threshold.atMost(STALE_DISCONNECTS, settings.nonNegativeInt("thresholds.stale-disconnects"))
                .describedAs("spurious stale disconnects");

        AtomicReference<AgentFleet> fleet = new AtomicReference<>();
        AtomicReference<Instant> startedAt = new AtomicReference<>();
        AtomicBoolean reporting = new AtomicBoolean(true);
        AgentReport report = new AgentReport();
        ChaosTimeline timeline = chaos.timeline()
                .beforeFaultsReporting("start " + count + " agents and wait until all are registered", sink -> {
                    // From the agents' start: a fault that fires while they still register is theirs to measure too.
                    startedAt.set(Instant.now());
                    // Reconnections and stale closes go into the report as they happen, until the agents are judged.
                    fleet.set(closeAtEnd(AgentFleet.start(count, "agent-", protocol, event -> {
                        print(event);
                        if (reporting.get()) {
                            report.of(event).ifPresent(sink);
                        }
                    })));
                    awaitRegistered(fleet.get(), protocol, true);
                })
                .then(chaos.selfHealing(podKill, baseline))
                .then(chaos.held(redisReplace, baseline.plus(after), redisOutage))
                .afterRecovery("judge the agents: reconnections, mapping, commands, stale closes", () -> {
                    AgentFleet agentFleet = fleet.get();
                    awaitRegistered(agentFleet, protocol, false);
                    reporting.set(false);
                    // The Redis replace fires at baseline + after: drops before the middle of that gap are the kill's.
                    Instant split = startedAt.get().plus(baseline).plus(after.dividedBy(2));
                    List<AgentEvent> events = agentFleet.events();
                    Reconnections underKill = Reconnections.of(events, startedAt.get(), split);
                    Reconnections underRedis = Reconnections.of(events, split, Instant.now());
                    Reconnections all = Reconnections.of(events, startedAt.get(), Instant.now());
                    judgeReconnections(count, all, underKill, underRedis, podKill.label(), redisReplace.label(), reconnection,
                            notBack);
                    judgeMapping(agentFleet, agents, mapping);
                    judgeCommands(agentFleet, agents, commandTemplate, commands);
                    long staleCloses = events.stream().filter(e -> e.kind() == AgentEvent.Kind.STALE).count();
                    verdict.measured(stale, staleCloses);
                    verdict.note(stale, staleCloses + " stale closes of agents that kept a " + protocol.heartbeat().toMillis()
                            + " ms heartbeat");
                });

        Duration duration = baseline.plus(after).plus(redisOutage).plus(after);
        setUpJudged(load.warmedUp(users, constantUsersPerSec(rate).during(duration)), timeline,
                List.of(reconnection, notBack, mapping, commands, stale));
    }

    private void judgeReconnections(int agents, Reconnections all, Reconnections underKill, Reconnections underRedis,
                                    String killLabel, String redisLabel, Threshold reconnection, Threshold notBack) {
        String note = killLabel + ": " + underKill.describe(agents) + "; " + redisLabel + ": " + underRedis.describe(agents);
        System.out.println("aftershock: agents " + note);
        // P95 over the drops of the faults that dropped agents; a fault that dropped none says so in the note. No drop
        // at all means no reconnection was measured: a target that never dropped an agent proves nothing here.
        verdict.measured(reconnection, all.reconnectMillis().isEmpty() ? Double.NaN : all.p95Millis() / 1000);
        verdict.note(reconnection, all.reconnectMillis().isEmpty() ? "not measured: no agent dropped and reconnected; " + note : note);
        verdict.measured(notBack, all.notBack().size());
        verdict.note(notBack, all.notBack().isEmpty() ? "every dropped agent registered again" : "never came back: " + all.notBack());
    }

    private void judgeMapping(AgentFleet fleet, Settings agents, Threshold mapping) {
        String redisAddress = target().redisAddress();
        if (redisAddress.isBlank() || agents.string("mapping-key").isBlank()) {
            verdict.note(mapping, "not measured: set aftershock.target.redis-address and aftershock.agents.mapping-key");
            verdict.measured(mapping, Double.NaN);
            return;
        }
        try (RedisClient redis = RedisClient.builder().hostAndPort(HostAndPort.from(redisAddress)).build()) {
            AgentChecks.Checked checked = AgentChecks.mapping(fleet.connections(), redis::get, agents.string("mapping-key"));
            verdict.measured(mapping, checked.percent());
            verdict.note(mapping, checked.describe());
            System.out.println("aftershock: agent mapping after recovery: " + checked.describe());
        }
    }

    private void judgeCommands(AgentFleet fleet, Settings agents, String commandTemplate, Threshold commands) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // Each replica at its own address (the built-in target's front door would answer as any one of them).
        Map<String, URI> replicas = AgentChecks.replicaIds(ReplicaUrls.of(target(), settings("target")), http,
                agents.string("health-path"),
                agents.string("replica-field"));
        AgentChecks.Checked checked = AgentChecks.commands(fleet, replicas, agents.string("command-path"), commandTemplate, http,
                agents.duration("command-timeout"));
        verdict.measured(commands, checked.percent());
        verdict.note(commands, checked.describe());
        System.out.println("aftershock: commands through another replica: " + checked.describe());
    }

    /** Before the faults every agent must register (else the run stops with what to fix); after them, as many as will. */
    private static void awaitRegistered(AgentFleet fleet, AgentProtocol protocol, boolean required) {
        Wait<Long> registered = Wait.forValue(fleet.size() + " agents registered on " + protocol.endpoints(), fleet::registered,
                        count -> count == fleet.size())
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .onTimeout(() -> "check aftershock.agents: the urls, the register-template and the registered-type"
                        + " must match your control plane");
        if (required) {
            registered.await();
        } else {
            registered.awaitOutcome();
        }
    }

    private static void print(AgentEvent event) {
        if (event.kind() != AgentEvent.Kind.COMMAND && event.kind() != AgentEvent.Kind.REGISTERED) {
            System.out.println("aftershock: " + event.agent() + " " + event.kind().name().toLowerCase() + " at " + event.at()
                    + " (" + event.replica() + "): " + event.detail());
        }
    }
}
