package aftershock.frontdoor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which replicas the front door sends requests to, round-robin: a replica leaves when a readiness check fails or
 * its port refuses a connection (after {@code deregistrationDelay}, zero for a healthy front door), and comes back
 * at its next successful readiness check. When no replica is in rotation (the built-in target's readiness
 * includes Redis, so during a Redis outage none is ready), it fails open: it sends to every replica, as an AWS ALB
 * or Envoy in panic mode does, rather than refusing every request. A pure state machine: the caller passes the
 * time in.
 *
 * <pre>
 *   Rotation rotation = new Rotation(List.of(replica0, replica1), Duration.ZERO);
 *   rotation.failed(replica0, now);            // out at once
 *   rotation.next();                           // replica1, replica1, ...
 *   rotation.ready(replica0, later);           // back in
 * </pre>
 */
public final class Rotation {

    private final Duration deregistrationDelay;
    private final Map<InetSocketAddress, State> states = new LinkedHashMap<>();
    private final List<InetSocketAddress> order;
    private int cursor;

    private static final class State {
        boolean inRotation = true;
        Instant failingSince;
    }

    /** All backends start in rotation (the supervisor starts them healthy). */
    public Rotation(List<InetSocketAddress> backends, Duration deregistrationDelay) {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("a front door needs at least one backend, got none");
        }
        if (deregistrationDelay.isNegative()) {
            throw new IllegalArgumentException("deregistrationDelay must be zero or more, was " + deregistrationDelay);
        }
        this.deregistrationDelay = deregistrationDelay;
        this.order = List.copyOf(backends);
        order.forEach(b -> states.put(b, new State()));
    }

    /** The next backend in rotation, round-robin; with none in rotation, the next of all (fail open). */
    public synchronized InetSocketAddress next() {
        boolean failOpen = !anyInRotation();
        for (int i = 0; i < order.size(); i++) {
            InetSocketAddress candidate = order.get(Math.floorMod(cursor++, order.size()));
            if (failOpen || states.get(candidate).inRotation) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable: " + order + " has a backend in rotation");
    }

    /**
     * The next backend other than {@code tried}: in rotation, or of all when none other is (fail open); empty when
     * {@code tried} is the only backend.
     */
    public synchronized Optional<InetSocketAddress> nextOtherThan(InetSocketAddress tried) {
        boolean failOpen = inRotation().stream().noneMatch(b -> !b.equals(tried));
        for (int i = 0; i < order.size(); i++) {
            InetSocketAddress candidate = order.get(Math.floorMod(cursor++, order.size()));
            if (!candidate.equals(tried) && (failOpen || states.get(candidate).inRotation)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** False when every backend is out of rotation, so that the front door fails open. */
    public synchronized boolean anyInRotation() {
        return states.values().stream().anyMatch(s -> s.inRotation);
    }

    /** A readiness check failed or the port refused: out once it has failed for the deregistration delay. */
    public synchronized void failed(InetSocketAddress backend, Instant at) {
        State state = state(backend);
        if (state.failingSince == null) {
            state.failingSince = at;
        }
        if (!Duration.between(state.failingSince, at).minus(deregistrationDelay).isNegative()) {
            state.inRotation = false;
        }
    }

    /** A readiness check succeeded: back in rotation at once. */
    public synchronized void ready(InetSocketAddress backend) {
        State state = state(backend);
        state.failingSince = null;
        state.inRotation = true;
    }

    /** The backends in rotation now, in their configured order. */
    public synchronized List<InetSocketAddress> inRotation() {
        List<InetSocketAddress> in = new ArrayList<>();
        states.forEach((backend, state) -> {
            if (state.inRotation) {
                in.add(backend);
            }
        });
        return in;
    }

    /** Every backend, in rotation or not. */
    public List<InetSocketAddress> backends() {
        return order;
    }

    private State state(InetSocketAddress backend) {
        State state = states.get(backend);
        if (state == null) {
            throw new IllegalArgumentException("unknown backend " + backend + ": the front door has " + order);
        }
        return state;
    }
}
