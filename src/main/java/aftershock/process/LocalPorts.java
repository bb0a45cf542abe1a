package aftershock.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free-port lookups on 127.0.0.1, the only address Aftershock binds. */
public final class LocalPorts {

    /** The loopback address every Aftershock process binds and targets. */
    public static final String HOST = "127.0.0.1";

    private LocalPorts() {
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int freePort() {
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
