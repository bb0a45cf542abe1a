package aftershock.frontdoor;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Requests under one path go to another port of the replica the rotation picks: the built-in target serves its
 * agents' WebSockets on a port of their own, and an ingress routes {@code /agents/connect} to it while the rest goes
 * to the HTTP port. With {@code pinnedBy}, a request carrying that query parameter goes to the replica the same value
 * was first sent to, in rotation or not: session affinity that outlives its replica (the sticky-reconnect defect).
 *
 * <pre>
 *   SidePort agents = new SidePort("/agents/connect", Map.of(replica0Http, replica0Agents, replica1Http, replica1Agents),
 *           Optional.empty());
 * </pre>
 *
 * @param path      the path prefix routed to the side port, for example "/agents/connect"
 * @param byBackend each backend's HTTP address to the address of its side port
 * @param pinnedBy  the query parameter whose value pins a client to its first replica; empty for none
 */
public record SidePort(String path, Map<InetSocketAddress, InetSocketAddress> byBackend, Optional<String> pinnedBy) {

    public SidePort {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a side port's path must start with '/', was '" + path + "'");
        }
        byBackend = Map.copyOf(byBackend);
    }

    /** Whether a request for {@code uri} (path and query) goes to the side port. */
    boolean routes(String uri) {
        String requestPath = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        return requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
    }

    /** The value of the pinning query parameter in {@code uri}, when there is one. */
    Optional<String> pin(String uri) {
        if (pinnedBy.isEmpty() || !uri.contains("?")) {
            return Optional.empty();
        }
        for (String pair : uri.substring(uri.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(pinnedBy.get() + "=") && pair.length() > pinnedBy.get().length() + 1) {
                return Optional.of(pair.substring(pinnedBy.get().length() + 1));
            }
        }
        return Optional.empty();
    }

    /** The side-port address of {@code backend}. */
    InetSocketAddress of(InetSocketAddress backend) {
        InetSocketAddress side = byBackend.get(backend);
        if (side == null) {
            throw new IllegalArgumentException("no side port for " + backend + ": the front door has " + byBackend.keySet());
        }
        return side;
    }
}
