package aftershock.chaos;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How to put the system back after a fault if the run that injected it died before restoring it.
 * Written to the {@link Journal} before each injection, so the next run can finish the job with a
 * {@link RecipeRunner}.
 *
 * <pre>
 *   RestoreRecipe recipe = new RestoreRecipe.WaitForPods("staging", "app=redis", 1);
 *   journal.begin("redis-kill", fault.describe(), recipe);
 * </pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RestoreRecipe.KillLeftoverProcess.class, name = "kill-leftover-process"),
        @JsonSubTypes.Type(value = RestoreRecipe.WaitForPods.class, name = "wait-for-pods"),
        @JsonSubTypes.Type(value = RestoreRecipe.ScaleWorkload.class, name = "scale-workload"),
        @JsonSubTypes.Type(value = RestoreRecipe.NothingToRestore.class, name = "nothing-to-restore"),
        @JsonSubTypes.Type(value = RestoreRecipe.RunCommand.class, name = "run-command")
})
public sealed interface RestoreRecipe {

    /** One line for the console: what running this recipe will do. */
    String describe();

    /**
     * A process we started (a stand-in server, a stress tool) may still run: kill it, but only if the pid
     * still belongs to the same process (same start time), since pids are reused.
     */
    record KillLeftoverProcess(long pid, long startedAtEpochMillis, String command) implements RestoreRecipe {
        @Override
        public String describe() {
            return "kill leftover process " + pid + " (" + command + ") if it is still the one we started";
        }
    }

    /** Pods were deleted: wait until their controller has this many Ready again. */
    record WaitForPods(String namespace, String labelSelector, int expectedReady) implements RestoreRecipe {
        @Override
        public String describe() {
            return "wait for " + expectedReady + " Ready pod(s) " + labelSelector + " in namespace '" + namespace + "'";
        }
    }

    /** A workload was scaled down: scale it back to {@code replicas} (kind is "statefulset" or "deployment"). */
    record ScaleWorkload(String namespace, String kind, String name, int replicas) implements RestoreRecipe {
        @Override
        public String describe() {
            return "kubectl scale " + kind + "/" + name + " --replicas=" + replicas + " -n " + namespace;
        }
    }

    /** A fault fired by the user's own commands: run its restore command, stopped after {@code timeoutMillis}. */
    record RunCommand(String command, long timeoutMillis) implements RestoreRecipe {
        @Override
        public String describe() {
            return "run `" + command + "`";
        }
    }

    /** The fault heals on its own, or cannot be undone from outside; {@code why} says which. */
    record NothingToRestore(String why) implements RestoreRecipe {
        @Override
        public String describe() {
            return "nothing to restore: " + why;
        }
    }
}
