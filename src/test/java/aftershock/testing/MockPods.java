package aftershock.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.readiness.Readiness;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Pods on the fabric8 CRUD mock server, and a stand-in for the controller the mock does not run.
 *
 * <pre>
 *   MockPods pods = new MockPods(client);                       // in &#64;BeforeEach
 *   pods.create("staging", "web-a", Map.of("app", "web"), true);
 *   pods.playController("staging", "app=web");                 // deleting web-a brings web-a-replacement-1, not Ready
 *   pods.markReady("staging", "web-a-replacement-1");
 *   pods.stopControllerAndDelete("staging");                    // in &#64;AfterEach
 * </pre>
 */
public final class MockPods {

    private final KubernetesClient client;
    private SharedIndexInformer<Pod> controller;

    public MockPods(KubernetesClient client) {
        this.client = client;
    }

    /** A Running pod with one container, Ready or not; not created anywhere. */
    public static Pod pod(String namespace, String name, Map<String, String> labels, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("main:latest").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withConditions(ready(ready)).endStatus()
                .build();
    }

    /** Creates {@link #pod} on the mock server. */
    public void create(String namespace, String name, Map<String, String> labels, boolean ready) {
        client.pods().inNamespace(namespace).resource(pod(namespace, name, labels, ready)).create();
    }

    /**
     * Plays the Deployment/StatefulSet: each deleted pod matching the selector is replaced by one with the same
     * labels that is not Ready until {@link #markReady}. Replacements of web-a are web-a-replacement-1, -2, ...
     */
    public void playController(String namespace, String labelSelector) {
        AtomicInteger replacements = new AtomicInteger();
        controller = client.pods().inNamespace(namespace).withLabelSelector(labelSelector)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                    }

                    @Override
                    public void onUpdate(Pod before, Pod after) {
                    }

                    @Override
                    public void onDelete(Pod deleted, boolean finalStateUnknown) {
                        String original = deleted.getMetadata().getName().replaceAll("-replacement-\\d+$", "");
                        create(namespace, original + "-replacement-" + replacements.incrementAndGet(),
                                deleted.getMetadata().getLabels(), false);
                    }
                });
    }

    /** Turns the pod Ready and waits until the server says so. */
    public void markReady(String namespace, String name) {
        client.pods().inNamespace(namespace).withName(name)
                .editStatus(pod -> new PodBuilder(pod).editStatus().withConditions(ready(true)).endStatus().build());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Readiness.isPodReady(client.pods().inNamespace(namespace).withName(name).get()));
    }

    /** The names of the pods in the namespace, sorted. */
    public List<String> names(String namespace) {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .map(pod -> pod.getMetadata().getName())
                .sorted()
                .toList();
    }

    /** Stops the controller, if one was played, and deletes every pod in these namespaces. */
    public void stopControllerAndDelete(String... namespaces) {
        if (controller != null) {
            controller.close();
            controller = null;
        }
        for (String namespace : namespaces) {
            client.pods().inNamespace(namespace).delete();
        }
    }

    private static PodCondition ready(boolean ready) {
        return new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build();
    }
}
