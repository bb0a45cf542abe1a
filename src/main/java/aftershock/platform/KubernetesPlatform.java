package aftershock.platform;

import aftershock.chaos.FaultException;
import aftershock.chaos.kubernetes.LabelSelector;
import aftershock.chaos.kubernetes.LeaderPodDelete;
import aftershock.chaos.kubernetes.PodDelete;
import aftershock.chaos.kubernetes.PodDeleteConfig;
import aftershock.chaos.kubernetes.ScaleToZero;
import aftershock.config.ConfigurationException;
import aftershock.chaos.kubernetes.Victims;
import aftershock.config.Settings;
import aftershock.probes.JobRuns;
import aftershock.probes.LeaderHolder;
import aftershock.probes.Probe;
import aftershock.probes.Probes;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

/**
 * Faults on pods of a Kubernetes cluster, deleted through fabric8 and brought back by their controllers; recovery
 * is watched over HTTP on the service under load. Only the configured namespace is touched, and only if it is on
 * the allowlist.
 *
 * <pre>
 *   Platform cluster = new KubernetesPlatform(client, KubernetesSettings.from(root.section("kubernetes")),
 *           http, URI.create("http://api.staging.example.com/"), paths);
 *   List&lt;PlannedFault&gt; kills = cluster.podKills(KillPlan.EACH);   // one per api pod, by name
 * </pre>
 */
public final class KubernetesPlatform implements Platform, AutoCloseable {

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final KubernetesSettings settings;
    private final Http http;
    private final URI baseUrl;
    private final TargetPaths paths;

    /** Fires faults through this client (not closed by {@link #close()}); probes go to {@code baseUrl} + paths. */
    public KubernetesPlatform(KubernetesClient client, KubernetesSettings settings, Http http, URI baseUrl,
                              TargetPaths paths) {
        this(client, false, settings, http, baseUrl, paths);
    }

    private KubernetesPlatform(KubernetesClient client, boolean ownsClient, KubernetesSettings settings, Http http,
                               URI baseUrl, TargetPaths paths) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.settings = settings;
        this.http = http;
        this.baseUrl = baseUrl;
        this.paths = paths;
    }

    /**
     * Checks {@code aftershock.kubernetes} first, then connects as kubectl would (kubeconfig, or the pod's service
     * account in-cluster). The client is closed with the platform.
     */
    public static KubernetesPlatform fromSettings(Settings root, Http http, URI baseUrl, TargetPaths paths) {
        KubernetesSettings settings = KubernetesSettings.from(root.section("kubernetes"));
        return new KubernetesPlatform(new KubernetesClientBuilder().build(), true, settings, http, baseUrl, paths);
    }

    @Override
    public String describe() {
        return "namespace " + settings.namespace() + " on " + client.getMasterUrl();
    }

    /**
     * Scales the workload named by {@code aftershock.kubernetes.redis-workload} to 0 for the outage and back: a
     * deleted Redis pod is replaced at once, so deleting it would hold no outage.
     */
    @Override
    public PlannedFault redisKill() {
        if (settings.redisWorkload().isEmpty()) {
            throw new ConfigurationException("redis-kill on Kubernetes holds Redis down by scaling its workload to 0:"
                    + " set aftershock.kubernetes.redis-workload to statefulset/NAME or deployment/NAME (kubectl get"
                    + " statefulsets,deployments -n " + settings.namespace() + " -l " + settings.redisSelector().text() + ")");
        }
        ScaleToZero scale = new ScaleToZero("redis-kill", client, settings.allowlist(), settings.namespace(),
                settings.redisWorkload(), settings.redisSelector().text(), settings.readyTimeout());
        return new PlannedFault("redis-kill", scale, ready(), scale.restoreRecipe());
    }

    /** Deletes the Redis pod and its PersistentVolumeClaims; for a Redis without a volume, the same as redis-kill. */
    @Override
    public PlannedFault redisReplace() {
        return planned("redis-replace", settings.redisSelector(), Victims.one(), ready(), true);
    }

    /** EACH lists the service pods now and plans one fault per pod, by name, in name order. */
    @Override
    public List<PlannedFault> podKills(KillPlan plan) {
        Probe health = Probes.forHttp(http, settings.serviceHealthUrl().orElseGet(() -> TargetPaths.under(baseUrl, paths.health())));
        LabelSelector service = settings.serviceSelector();
        return switch (plan) {
            case EACH -> servicePodNames().stream()
                    .map(name -> atFrontDoor(planned("pod-kill", service, Victims.named(name), health)))
                    .toList();
            case ONE -> List.of(atFrontDoor(planned("pod-kill", service, Victims.one(), health)));
            case ALL -> List.of(atFrontDoor(planned("pod-kill", service, Victims.all(), health)));
        };
    }

    @Override
    public PlannedFault redisFailover() {
        return planned("redis-failover", settings.redisMasterSelector(), Victims.one(), ready());
    }

    /** Deletes the service pod the lease names leader; recovery is another holder running the leader job. */
    @Override
    public PlannedFault leaderKill(LeaderHolder holder, JobRuns runs) {
        LeaderPodDelete delete = new LeaderPodDelete(client, settings.allowlist(), PodDeleteConfig.of(settings.namespace(),
                settings.serviceSelector().text()).withReadyTimeout(settings.readyTimeout()), holder, runs);
        return new PlannedFault("leader-kill", delete, delete.newLeaderProbe(), delete.restoreRecipe());
    }

    /** Closes the client if {@link #fromSettings} built it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private PlannedFault planned(String label, LabelSelector selector, Victims victims, Probe probe) {
        return planned(label, selector, victims, probe, false);
    }

    private PlannedFault planned(String label, LabelSelector selector, Victims victims, Probe probe, boolean volumeClaims) {
        PodDeleteConfig config = PodDeleteConfig.of(settings.namespace(), selector.text())
                .withVictims(victims)
                .withReadyTimeout(settings.readyTimeout());
        PodDelete delete = new PodDelete(label, client, settings.allowlist(), volumeClaims ? config.withVolumeClaims() : config);
        return new PlannedFault(label, delete, probe, delete.restoreRecipe());
    }

    /** The service's address is what users see; the pod's own recovery is its replacement, from the controller. */
    private static PlannedFault atFrontDoor(PlannedFault planned) {
        return new PlannedFault(planned.label(), planned.fault(), planned.probe(), planned.recipe(), true);
    }

    private List<String> servicePodNames() {
        String namespace = settings.namespace();
        LabelSelector service = settings.serviceSelector();
        List<String> names = client.pods().inNamespace(namespace).withLabels(service.labels()).list().getItems()
                .stream()
                .map(Pod::getMetadata)
                .map(metadata -> metadata.getName())
                .sorted(Comparator.naturalOrder())
                .toList();
        if (names.isEmpty()) {
            throw new FaultException("pod-kill: no pods match selector '" + service.text() + "' in namespace '"
                    + namespace + "', nothing to kill: check aftershock.kubernetes.service-selector against "
                    + "kubectl get pods -n " + namespace + " --show-labels");
        }
        return names;
    }

    private Probe ready() {
        return Probes.forHttp(http, TargetPaths.under(baseUrl, paths.ready()));
    }
}
