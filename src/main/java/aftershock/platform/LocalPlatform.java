package aftershock.platform;

import aftershock.chaos.RestoreRecipe;
import aftershock.chaos.local.LeaderKill;
import aftershock.chaos.local.LeaderPause;
import aftershock.chaos.local.RedisKill;
import aftershock.chaos.local.RedisReplace;
import aftershock.chaos.local.ReplicaKill;
import aftershock.chaos.local.SentinelMasterKill;
import aftershock.config.ConfigurationException;
import aftershock.probes.JobRuns;
import aftershock.probes.LeaderHolder;
import aftershock.probes.Probe;
import aftershock.process.ProcessSignals;
import aftershock.probes.Probes;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.RedisMode;
import aftershock.supervisor.Replica;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Faults on the built-in target's own processes, killed by PID and brought back by its local supervisor. */
public final class LocalPlatform implements Platform {

    private static final RestoreRecipe LEFTOVERS = new RestoreRecipe.NothingToRestore(
            "the built-in target's processes are recorded and killed on the next start");

    private final LocalTarget target;
    private final Http http;
    private final String readyPath;
    private final String healthPath;

    public LocalPlatform(LocalTarget target, Http http, String healthPath, String readyPath) {
        this.target = target;
        this.http = http;
        this.healthPath = healthPath;
        this.readyPath = readyPath;
    }

    @Override
    public String describe() {
        return "built-in target on 127.0.0.1 (" + target.replicas().size() + " replicas)";
    }

    @Override
    public PlannedFault redisKill() {
        if (target.options().redisMode() != RedisMode.STANDALONE) {
            throw new ConfigurationException("redis-kill needs the built-in target's standalone Redis; this run uses Sentinel");
        }
        return new PlannedFault("redis-kill", new RedisKill(target.redis()), allReady(), LEFTOVERS);
    }

    @Override
    public PlannedFault redisReplace() {
        if (target.options().redisMode() != RedisMode.STANDALONE) {
            throw new ConfigurationException("redis-replace needs the built-in target's standalone Redis; this run uses Sentinel");
        }
        return new PlannedFault("redis-replace", new RedisReplace(target.redis()), allReady(), LEFTOVERS);
    }

    @Override
    public List<PlannedFault> podKills(KillPlan plan) {
        List<PlannedFault> kills = new ArrayList<>();
        switch (plan) {
            case EACH -> target.replicas().forEach(r -> kills.add(kill(List.of(r.index()))));
            case ONE -> kills.add(kill(List.of(0)));
            case ALL -> kills.add(kill(IntStream.range(0, target.replicas().size()).boxed().toList()));
        }
        return kills;
    }

    @Override
    public PlannedFault redisFailover() {
        if (target.options().redisMode() != RedisMode.SENTINEL) {
            throw new ConfigurationException("redis-failover needs the built-in target in Sentinel mode");
        }
        return new PlannedFault("redis-failover", new SentinelMasterKill(target.sentinel()), allReady(), LEFTOVERS);
    }

    @Override
    public PlannedFault redisFailoverAfterLag(Duration replicaSleep) {
        if (target.options().redisMode() != RedisMode.SENTINEL) {
            throw new ConfigurationException("redis-failover needs the built-in target in Sentinel mode");
        }
        return new PlannedFault("redis-failover", SentinelMasterKill.afterReplicaLag(target.sentinel(), replicaSleep),
                allReady(), LEFTOVERS);
    }

    @Override
    public PlannedFault leaderKill(LeaderHolder holder, JobRuns runs) {
        LeaderKill kill = new LeaderKill(target, holder, runs);
        return new PlannedFault("leader-kill", kill, kill.newLeaderProbe(), LEFTOVERS);
    }

    @Override
    public PlannedFault leaderPause(LeaderHolder holder, JobRuns runs) {
        LeaderPause pause = new LeaderPause(target, holder, runs, ProcessSignals.kill());
        // A stopped replica left by a runner that died is one of the recorded processes the next start kills.
        return new PlannedFault("leader-pause", pause, pause.newLeaderProbe(), LEFTOVERS);
    }

    private PlannedFault kill(List<Integer> indexes) {
        List<Probe> health = indexes.stream().map(i -> Probes.forHttp(http, url(target.replica(i), healthPath))).toList();
        return new PlannedFault("pod-kill", new ReplicaKill(target, indexes), Probes.forAll(health), LEFTOVERS);
    }

    private Probe allReady() {
        return Probes.forAll(target.replicas().stream().map(r -> Probes.forHttp(http, url(r, readyPath))).toList());
    }

    private static URI url(Replica replica, String path) {
        return TargetPaths.under(replica.url(), path);
    }
}
