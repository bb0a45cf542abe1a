package aftershock.platform;

import aftershock.chaos.command.CommandFault;
import aftershock.chaos.command.CommandRunner;
import aftershock.chaos.command.FaultCommands;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.config.Settings;
import aftershock.probes.Probe;
import aftershock.probes.Probes;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * Faults fired by the user's own commands ({@code aftershock.platform = command}), for a stack without Kubernetes:
 * docker compose, systemd, a Redis on a VM. The one exception to "Aftershock only kills what it started": it never
 * chooses a victim, it runs exactly the commands {@code aftershock.command.<fault>} names, and the report lists them.
 * Recovery is probed on the replicas' ready path after a Redis fault, on their health path after a pod-kill.
 *
 * <pre>
 *   Platform own = new CommandPlatform(settings.section("command"), new ShellCommands(), http, replicas, paths);
 *   PlannedFault redis = own.redisKill();   // aftershock.command.redis-kill.inject, .check, .restore
 * </pre>
 */
public final class CommandPlatform implements Platform {

    private final Settings commands;
    private final CommandRunner runner;
    private final Http http;
    private final List<URI> replicas;
    private final TargetPaths paths;

    /**
     * @param commands the {@code aftershock.command} section
     * @param replicas each replica's address (or BASE_URL alone): every one is probed
     */
    public CommandPlatform(Settings commands, CommandRunner runner, Http http, List<URI> replicas, TargetPaths paths) {
        this.commands = commands;
        this.runner = runner;
        this.http = http;
        this.replicas = List.copyOf(replicas);
        this.paths = paths;
    }

    @Override
    public String describe() {
        return "your own commands (aftershock.command), probed on " + replicas;
    }

    @Override
    public PlannedFault redisKill() {
        return planned("redis-kill", probeEach(TargetPaths::ready));
    }

    @Override
    public PlannedFault redisReplace() {
        return planned("redis-replace", probeEach(TargetPaths::ready));
    }

    /** One fault whatever the plan: the command names what it kills. */
    @Override
    public List<PlannedFault> podKills(KillPlan plan) {
        return List.of(planned("pod-kill", probeEach(TargetPaths::health)));
    }

    @Override
    public PlannedFault redisFailover() {
        return planned("redis-failover", probeEach(TargetPaths::ready));
    }

    private PlannedFault planned(String name, Probe probe) {
        CommandFault fault = new CommandFault(FaultCommands.from(commands, name), runner);
        return new PlannedFault(name, fault, probe, fault.restoreRecipe());
    }

    private Probe probeEach(Function<TargetPaths, String> path) {
        return Probes.forAll(replicas.stream().map(url -> Probes.forHttp(http, TargetPaths.under(url, path.apply(paths)))).toList());
    }
}
