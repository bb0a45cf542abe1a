package aftershock.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalPortsTest {

    @Test
    void freePortsAreBelowTheEphemeralRangeSoNoOutgoingConnectionCanTakeThemFirst() throws IOException {
        int ephemeralStart = LocalPorts.ephemeralRangeStart();
        assumeTrue(ephemeralStart > 11_000, "no Linux ephemeral port range to stay below on this machine");

        for (int i = 0; i < 50; i++) {
            int port = LocalPorts.freePort();

            assertThat(port).isBetween(10_000, ephemeralStart - 1);
            // and a server can really bind it
            try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getByName(LocalPorts.HOST))) {
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertThat(ports.add(LocalPorts.freePort())).isTrue();
        }
    }

    @Test
    void aPortInUseIsNotFree() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LocalPorts.HOST))) {
            assertThat(LocalPorts.isFree(taken.getLocalPort())).isFalse();
        }
    }
}
