package aftershock.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free-port lookups on 127.0.0.1, the only address Aftershock binds. */
public final class LocalPorts {

    /** The loopback address every Aftershock process binds and targets. */
    public static final String HOST = "127.0.0.1";

    private LocalPorts() {
    }

    /** Where Linux says its outgoing connections take their local ports from. */
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Lowest port handed out: clear of the well-known and most registered service ports. */
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port that was free on 127.0.0.1 a moment ago, and never one this JVM handed out before. It is drawn
     * below the kernel's ephemeral range where that range is known: a port from the range (what binding port 0
     * gives) can be taken by any outgoing connection, a Redis client's or the load's, between this call and the
     * bind of the server it is meant for.
     */
    public static int freePort() {
        int below = ephemeralRangeStart();
        for (int attempt = 0; below > LOWEST + 1_000 && attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = anyFreePort();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("cannot find a free port on " + HOST + " that this run has not used yet");
    }

    /** The first port of the kernel's ephemeral range, or 0 when it is not known (not Linux). */
    static int ephemeralRangeStart() {
        try {
            // readAllLines, not readString: the JDK reads /proc files short by their reported size
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    /** True when a server could bind 127.0.0.1:port now (SO_REUSEADDR, as redis-server and the JDK server bind). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws with "port N is already in use: free it or set {property}" when the port is taken. */
    public static void requireFree(int port, String property) {
        if (!isFree(port)) {
            throw new IllegalStateException("port " + port + " is already in use: free it or set " + property);
        }
    }
}
