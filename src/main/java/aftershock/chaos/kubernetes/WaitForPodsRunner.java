package aftershock.chaos.kubernetes;

import aftershock.chaos.FaultException;
import aftershock.chaos.RecipeRunner;
import aftershock.chaos.RestoreRecipe;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Runs {@link RestoreRecipe.WaitForPods} left by a crashed run, as
 * {@code kubectl wait --for=condition=Ready pod -n <namespace> -l <selector>} does.
 * {@link RestoreRecipe.NothingToRestore} is a no-op; any other recipe is refused with a clear message.
 */
public final class WaitForPodsRunner implements RecipeRunner {

    private final KubernetesClient client;
    private final NamespaceAllowlist allowlist;
    private final ReadyPods readyPods;
    private final Duration readyTimeout;

    public WaitForPodsRunner(KubernetesClient client, NamespaceAllowlist allowlist, Duration readyTimeout) {
        this.client = client;
        this.allowlist = allowlist;
        this.readyPods = new ReadyPods(client, Clock.systemUTC());
        this.readyTimeout = readyTimeout;
    }

    @Override
    public void run(RestoreRecipe recipe) {
        if (recipe instanceof RestoreRecipe.WaitForPods wait) {
            allowlist.check(wait.namespace());
            readyPods.await(wait.namespace(), wait.labelSelector(), wait.expectedReady(), Set.of(), readyTimeout);
        } else if (recipe instanceof RestoreRecipe.ScaleWorkload scale) {
            allowlist.check(scale.namespace());
            if (scale.kind().equals("statefulset")) {
                client.apps().statefulSets().inNamespace(scale.namespace()).withName(scale.name()).scale(scale.replicas());
            } else {
                client.apps().deployments().inNamespace(scale.namespace()).withName(scale.name()).scale(scale.replicas());
            }
        } else if (!(recipe instanceof RestoreRecipe.NothingToRestore)) {
            throw new FaultException("the Kubernetes recipe runner only waits for pods, it cannot "
                    + recipe.describe() + ": run it with the process recipe runner, or do it by hand");
        }
    }
}
