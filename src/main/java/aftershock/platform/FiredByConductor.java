package aftershock.platform;

import aftershock.chaos.Fault;
import aftershock.chaos.RestoreRecipe;
import aftershock.probes.Probe;

import java.util.ArrayList;
import java.util.List;

/**
 * The platform of an injector other than 0 when faults are fired locally: injector 0 fires them at the built-in
 * target it started, and this injector only sends its share of the load there. Faults are planned as injector 0
 * plans them (one pod kill per replica), so that the simulation, and the length of its load, are the same on
 * every injector; firing one here is a bug and throws.
 *
 * <pre>
 *   Platform platform = new FiredByConductor("injector 2 of 3", target.baseUrls().size());
 * </pre>
 *
 * @param injector what this injector is, for messages
 * @param replicas how many replicas the built-in target has (one base URL each)
 */
public record FiredByConductor(String injector, int replicas) implements Platform {

    @Override
    public String describe() {
        return "faults fired by injector 0 (" + injector + " only sends load)";
    }

    @Override
    public PlannedFault redisKill() {
        return planned("redis-kill");
    }

    @Override
    public PlannedFault redisReplace() {
        return planned("redis-replace");
    }

    @Override
    public List<PlannedFault> podKills(KillPlan plan) {
        int kills = plan == KillPlan.EACH ? replicas : 1;
        List<PlannedFault> planned = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            planned.add(planned("pod-kill"));
        }
        return planned;
    }

    @Override
    public PlannedFault redisFailover() {
        return planned("redis-failover");
    }

    @Override
    public PlannedFault redisFailoverAfterLag(java.time.Duration replicaSleep) {
        return planned("redis-failover");
    }

    private PlannedFault planned(String label) {
        Fault fault = new Fault() {
            @Override
            public String name() {
                return label;
            }

            @Override
            public String describe() {
                return label + ", fired by injector 0";
            }

            @Override
            public void inject() {
                throw new IllegalStateException(injector + " fired " + label + ": only injector 0 fires faults");
            }

            @Override
            public void restore() {
            }

            @Override
            public boolean isActive() {
                return false;
            }
        };
        Probe probe = new Probe() {
            @Override
            public String describe() {
                return "probed by injector 0";
            }

            @Override
            public boolean check() {
                throw new IllegalStateException(injector + " probed " + label + ": only injector 0 runs the probes");
            }
        };
        return new PlannedFault(label, fault, probe, new RestoreRecipe.NothingToRestore(label + " is fired by injector 0"));
    }
}
