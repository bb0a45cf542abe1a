package aftershock.probes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The leader named by a {@code coordination.k8s.io} Lease, as fabric8's LeaderElector (and client-go's) writes it:
 * {@code kubectl get lease NAME -n NAMESPACE -o jsonpath='{.spec.holderIdentity}'}. A lease whose renewTime is older
 * than its leaseDurationSeconds is held by nobody.
 */
public final class LeaseHolder implements LeaderHolder {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public LeaseHolder(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    @Override
    public Optional<String> current() {
        Lease lease = client.leases().inNamespace(namespace).withName(name).get();
        if (lease == null || lease.getSpec() == null) {
            return Optional.empty();
        }
        String holder = lease.getSpec().getHolderIdentity();
        if (holder == null || holder.isBlank()) {
            return Optional.empty();
        }
        ZonedDateTime renewed = lease.getSpec().getRenewTime();
        Integer seconds = lease.getSpec().getLeaseDurationSeconds();
        if (renewed != null && seconds != null && renewed.plusSeconds(seconds).isBefore(ZonedDateTime.now())) {
            return Optional.empty();
        }
        return Optional.of(holder);
    }

    @Override
    public String describe() {
        return "Lease " + namespace + "/" + name + " holderIdentity";
    }
}
