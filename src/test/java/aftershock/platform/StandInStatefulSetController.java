package aftershock.platform;

import aftershock.testing.MockPods;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the StatefulSet controller the CRUD mock does not run, for one set whose pods are labelled app=NAME:
 * every 20 ms it reads spec.replicas (a watch can miss an update made before it is established); 0 deletes
 * its pods, 1 or more creates NAME-0 (Ready at once) when none runs.
 */
final class StandInStatefulSetController implements AutoCloseable {

    private final List<Integer> replicasSeen = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    StandInStatefulSetController(KubernetesClient client, MockPods pods, String namespace, String name) {
        loop.scheduleWithFixedDelay(() -> {
            StatefulSet set = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
            if (set == null) {
                return;
            }
            int replicas = set.getSpec().getReplicas();
            if (replicasSeen.isEmpty() || replicasSeen.get(replicasSeen.size() - 1) != replicas) {
                replicasSeen.add(replicas);
            }
            List<String> running = client.pods().inNamespace(namespace).withLabel("app", name).list().getItems()
                    .stream().map(pod -> pod.getMetadata().getName()).toList();
            if (replicas == 0) {
                running.forEach(pod -> client.pods().inNamespace(namespace).withName(pod).withGracePeriod(0).delete());
            } else if (running.isEmpty()) {
                pods.create(namespace, name + "-0", Map.of("app", name), true);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** spec.replicas as the controller saw it change, in order. */
    List<Integer> replicasSeen() {
        return List.copyOf(replicasSeen);
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
