package aftershock.client;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsTest {

    @Test
    void aTruststoreOfAnInternalCaOpensItsServerThatTheJvmsDefaultsRefuse(@TempDir Path dir) throws Exception {
        // Given an HTTPS service whose certificate no public CA signed, and a truststore holding that certificate
        Path serverStore = dir.resolve("server.p12");
        keytool("-genkeypair", "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-alias", "server",
                "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storepass", "changeit", "-validity", "2");
        Path certificate = dir.resolve("server.crt");
        keytool("-exportcert", "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-alias", "server",
                "-storepass", "changeit", "-file", certificate.toString());
        Path truststore = dir.resolve("internal-ca.p12");
        keytool("-importcert", "-noprompt", "-keystore", truststore.toString(), "-storetype", "PKCS12", "-alias", "ca",
                "-storepass", "trustpass", "-file", certificate.toString());
        HttpsServer server = https(serverStore);
        try {
            URI health = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/health");

            // When it is called with the truststore's context, and with the JVM's own
            HttpResponse<String> trusted = HttpClient.newBuilder().sslContext(Tls.trusting(truststore, "trustpass")).build()
                    .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());

            // Then the truststore opens it, and the defaults refuse it
            assertThat(trusted.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aTruststoreAndInsecureTogetherAreRefusedInOneLine() {
        Properties props = new Properties();
        props.setProperty("aftershock.target.truststore", "ca.p12");
        props.setProperty("aftershock.target.insecure", "true");

        assertThatThrownBy(() -> Tls.apply(Settings.load(props).section("target")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("aftershock.target.truststore and insecure = true are both set");
    }

    private static HttpsServer https(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
