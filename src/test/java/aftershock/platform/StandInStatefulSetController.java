package aftershock.platform;

import aftershock.testing.MockPods;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the StatefulSet controller the CRUD mock does not run, for one set whose pods are labelled app=NAME:
 * spec.replicas 0 deletes its pods, 1 or more creates NAME-0 (Ready at once) when it is missing.
 */
final class StandInStatefulSetController implements AutoCloseable {

    private final List<Integer> replicasSeen = new CopyOnWriteArrayList<>();
    private final SharedIndexInformer<StatefulSet> informer;

    StandInStatefulSetController(KubernetesClient client, MockPods pods, String namespace, String name) {
        informer = client.apps().statefulSets().inNamespace(namespace).withName(name).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(StatefulSet set) {
                reconcile(set);
            }

            @Override
            public void onUpdate(StatefulSet before, StatefulSet after) {
                reconcile(after);
            }

            @Override
            public void onDelete(StatefulSet set, boolean finalStateUnknown) {
            }

            private void reconcile(StatefulSet set) {
                Integer replicas = set.getSpec().getReplicas();
                replicasSeen.add(replicas);
                boolean running = client.pods().inNamespace(namespace).withName(name + "-0").get() != null;
                if (replicas == 0 && running) {
                    client.pods().inNamespace(namespace).withName(name + "-0").withGracePeriod(0).delete();
                } else if (replicas > 0 && !running) {
                    pods.create(namespace, name + "-0", Map.of("app", name), true);
                }
            }
        });
    }

    /** spec.replicas as the controller saw it, in order. */
    List<Integer> replicasSeen() {
        return List.copyOf(replicasSeen);
    }

    @Override
    public void close() {
        informer.close();
    }
}
