package aftershock.client;

import aftershock.config.ConfigurationException;
import aftershock.config.Settings;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * How Aftershock's own calls (preflight, sign-in, probes, JWKS) trust the target's certificate:
 * {@code aftershock.target.truststore} for an internal CA (its password from TRUSTSTORE_PASSWORD), or
 * {@code insecure = true} to trust any certificate. Gatling's load trusts any certificate by default.
 *
 * <pre>
 *   Optional&lt;String&gt; warning = Tls.apply(settings.section("target")); // "TLS NOT VERIFIED ..." when insecure
 * </pre>
 */
public final class Tls {

    /** The mark a run's description carries when certificates are not verified. */
    public static final String INSECURE_WARNING = "TLS NOT VERIFIED: aftershock.target.insecure = true trusts any certificate";

    private Tls() {
    }

    /**
     * Makes the configured trust the JVM's default, before any call to the target; returns the warning to put in the
     * report when certificates are not verified, or null.
     */
    public static String apply(Settings target) {
        String truststore = target.string("truststore").trim();
        boolean insecure = target.flag("insecure");
        if (insecure && !truststore.isEmpty()) {
            throw new ConfigurationException("aftershock.target.truststore and insecure = true are both set: keep the"
                    + " truststore (certificates verified against it) or insecure (none verified), not both");
        }
        try {
            if (insecure) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[]{new TrustingEverything()}, null);
                use(context);
                System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
                HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
                return INSECURE_WARNING;
            }
            if (!truststore.isEmpty()) {
                use(trusting(Path.of(truststore), System.getenv().getOrDefault("TRUSTSTORE_PASSWORD", "")));
            }
            return null;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("TLS could not be set up (" + e.getMessage() + "): check"
                    + " aftershock.target.truststore and TRUSTSTORE_PASSWORD");
        }
    }

    /** An SSL context trusting the certificates of the PKCS12 or JKS {@code file}. */
    static SSLContext trusting(Path file, String password) throws GeneralSecurityException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance(file.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            throw new ConfigurationException("aftershock.target.truststore " + file.toAbsolutePath() + " cannot be read ("
                    + e.getMessage() + "): give a PKCS12 or JKS file, its password in TRUSTSTORE_PASSWORD");
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void use(SSLContext context) {
        SSLContext.setDefault(context);
        HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
    }

    private static final class TrustingEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Trusts every client: insecure = true was asked for, and the report says so.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Trusts every server: insecure = true was asked for, and the report says so.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
