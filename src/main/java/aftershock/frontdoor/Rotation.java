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
 * at its next successful readiness check. A pure state machine: the caller passes the time in.
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

    /** The next backend in rotation, round-robin; empty when none is in rotation. */
    public synchronized Optional<InetSocketAddress> next() {
        for (int i = 0; i < order.size(); i++) {
            InetSocketAddress candidate = order.get(cursor++ % order.size());
            if (states.get(candidate).inRotation) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The next backend in rotation other than {@code tried}; empty when there is none. */
    public synchronized Optional<InetSocketAddress> nextOtherThan(InetSocketAddress tried) {
        for (int i = 0; i < order.size(); i++) {
            InetSocketAddress candidate = order.get(cursor++ % order.size());
            if (!candidate.equals(tried) && states.get(candidate).inRotation) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
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
