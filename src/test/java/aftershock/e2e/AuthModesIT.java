package aftershock.e2e;

import aftershock.verdict.RequestStats;
import aftershock.verdict.RunSummary;
import aftershock.verdict.Threshold;
import aftershock.verdict.Verdict;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each login mode, end to end: a real {@code mvn gatling:test} against real processes (the built-in target in that
 * mode, or an OAuth2 issuer we did not write), with right credentials (the run PASSes) and wrong ones (refused in one
 * line before any load). Runs are scaled down: this checks that the modes work, not how fast this box is.
 */
class AuthModesIT {

    private static final String API_KEY = "e2e-api-key-7c1d9f";
    /**
     * Endpoints of a team's own (a PUT with a CSV feeder, a POST with a header, a GET) and a mix of only those. Their
     * latency limits are generous: writes on a shared 2-core box; what is under test is that every one is answered.
     */
    private static final String[] OWN_ENDPOINTS = {"aftershock.config=src/test/resources/e2e/own-endpoints.conf",
            "aftershock.sustained-load.thresholds.p95=10s", "aftershock.sustained-load.thresholds.p99=10s"};
    private static final String[] OWN_NAMES = {"put-cart", "new-api-key", "list-agents"};
    /** Generous: a cold JVM on a shared 2-core box; the thresholds under test here are the error rates. */
    private static final String[] JWT_STRESS_SMALL = {"scale=0.02", "aftershock.jwt-stress.users=20",
            "aftershock.jwt-stress.start-users=5", "aftershock.jwt-stress.thresholds.login-p95=10s",
            "aftershock.jwt-stress.thresholds.verification-p95=10s"};

    @Test
    void cookieModeHandsAPoolOfSessionsToAMixOfOnlyOwnEndpointsAndAWrongPasswordIsOneLine(@TempDir Path results)
            throws Exception {
        // Given the built-in target's cookie login, with its CSRF cookie sent back as a header
        String[] cookie = {"scale=0.005", "aftershock.target.auth.mode=cookie",
                "aftershock.target.auth.cookie.path=/api/session/login", "aftershock.target.auth.cookie.sessions=4",
                "aftershock.target.auth.cookie.csrf-cookie=XSRF-TOKEN"};

        // When a run of a team's own endpoints signs in with the right password, and one with a wrong password
        GatlingRun right = GatlingRun.of(results.resolve("right"), "SustainedLoad", concat(cookie, OWN_ENDPOINTS));
        Path wrongPassword = Files.writeString(results.resolve("password"), "not-the-password");
        GatlingRun wrong = GatlingRun.of(results.resolve("wrong"), "SustainedLoad",
                concat(cookie, "aftershock.target.admin-password-file=" + wrongPassword));

        // Then the first PASSes with every request of its own endpoints answered with the expected status (the PUT and
        // the POST with their CSRF header), none of the built-in ones sent, the second is refused before any load
        assertThat(right.exitCode).as(right.output).isZero();
        assertThat(right.summary().verdict()).isEqualTo(Verdict.PASS);
        assertOnlyOwnEndpointsAnswered(right);
        assertThat(wrong.exitCode).isNotZero();
        assertThat(wrong.lastAftershockLine()).startsWith("aftershock: bad input: login as 'admin' was refused by http://127.0.0.1:")
                .endsWith("/api/session/login (401): set ADMIN_USERNAME and ADMIN_PASSWORD (or"
                        + " aftershock.target.admin-password-file) to working credentials");
        assertThat(wrong.runFolder()).isEmpty();
    }

    @Test
    void headerModeSendsTheApiKeyFromTheEnvironmentAndNeverWritesItAnywhere(@TempDir Path results) throws Exception {
        // Given the built-in target started with API_KEY, and the load's key from the same variable
        String[] header = {"scale=0.005", "aftershock.target.auth.mode=header", "aftershock.target.auth.check-path=/api/agents"};

        // When a run of a team's own endpoints uses it, and another a wrong key from a file
        GatlingRun right = GatlingRun.withEnvironment(Map.of("API_KEY", API_KEY), results.resolve("right"), "SustainedLoad",
                concat(header, OWN_ENDPOINTS));
        Path wrongKey = Files.writeString(results.resolve("key"), "wrong-key-0000");
        GatlingRun wrong = GatlingRun.withEnvironment(Map.of("API_KEY", API_KEY), results.resolve("wrong"), "SustainedLoad",
                concat(header, "aftershock.target.auth.header.value-file=" + wrongKey));

        // Then the first PASSes with only its own endpoints sent and answered, the second is refused in one line
        assertThat(right.exitCode).as(right.output).isZero();
        assertThat(right.summary().verdict()).isEqualTo(Verdict.PASS);
        assertOnlyOwnEndpointsAnswered(right);
        assertThat(wrong.exitCode).isNotZero();
        assertThat(wrong.lastAftershockLine()).startsWith("aftershock: bad input: http://127.0.0.1:")
                .endsWith("/api/agents refused the X-API-Key header (401): set API_KEY (or"
                        + " aftershock.target.auth.header.value-file) to a working key");
        // And neither key is in anything the runs printed or wrote
        for (String secret : List.of(API_KEY, "wrong-key-0000")) {
            assertThat(right.output).doesNotContain(secret);
            assertThat(wrong.output).doesNotContain(secret);
            assertThat(filesContaining(results.resolve("right"), secret)).isEmpty();
            assertThat(filesContaining(results.resolve("wrong"), secret)).isEmpty();
            assertThat(filesContaining(Path.of("target", "aftershock"), secret)).isEmpty();
        }
    }

    @Test
    void oidcModeAgainstAnIssuerWeDidNotWriteUnderABaseUrlWithAPath(@TempDir Path results) throws Exception {
        // Given a third-party OAuth2 issuer whose URL has a path, and BASE_URL set to it: discovery, the health check,
        // the token requests and the authenticated call are all under /realms-e2e, never at the host's root
        MockOAuth2Server issuer = new MockOAuth2Server();
        issuer.start(InetAddress.getByName("127.0.0.1"), 0);
        try {
            String base = issuer.issuerUrl("realms-e2e").toString();
            String clientSecret = "e2e-client-secret-31c8";
            Map<String, String> environment = Map.of("BASE_URL", base, "OIDC_CLIENT_SECRET", clientSecret);
            String[] oidc = concat(JWT_STRESS_SMALL, "aftershock.target.auth.mode=oidc",
                    "aftershock.target.paths.health=/.well-known/openid-configuration",
                    "aftershock.jwt-stress.authenticated-call=/userinfo");

            // When JwtStress runs with the password grant, then with client_credentials
            GatlingRun password = GatlingRun.withEnvironment(environment, results.resolve("password"), "JwtStress", oidc);
            GatlingRun client = GatlingRun.withEnvironment(environment, results.resolve("client"), "JwtStress",
                    concat(oidc, "aftershock.target.auth.oidc.grant=client-credentials"));

            // Then both PASS: every token verified against the issuer's JWKS, every authenticated call answered
            for (GatlingRun run : List.of(password, client)) {
                assertThat(run.exitCode).as(run.output).isZero();
                RunSummary summary = run.summary();
                assertThat(summary.requests()).extracting(RequestStats::name).contains("login", "verify token");
                assertThat(summary.requests()).allSatisfy(request -> assertThat(request.ko()).as(request.name()).isZero());
                assertThat(run.output).doesNotContain(clientSecret);
                assertThat(filesContaining(run.resultsFolder, clientSecret)).isEmpty();
            }
            // And client_credentials never refreshes (RFC 6749 §4.4.3: no refresh token)
            assertThat(client.summary().requests()).extracting(RequestStats::name).doesNotContain("refresh");
        } finally {
            issuer.shutdown();
        }
    }

    @Test
    void oidcModeWithAWrongPasswordIsRefusedByTheIssuerInOneLine(@TempDir Path results) throws Exception {
        // Given the built-in target's OAuth2 issuer (discovery at its base URL), which checks passwords
        Path wrongPassword = Files.writeString(results.resolve("password"), "not-the-password");

        // When JwtStress signs in with a wrong password
        GatlingRun wrong = GatlingRun.of(results.resolve("wrong"), "JwtStress", concat(JWT_STRESS_SMALL,
                "aftershock.target.auth.mode=oidc", "aftershock.target.admin-password-file=" + wrongPassword));

        // Then it is refused in one line, before any load
        assertThat(wrong.exitCode).isNotZero();
        assertThat(wrong.lastAftershockLine()).startsWith("aftershock: bad input: the token endpoint http://127.0.0.1:")
                .contains("/oauth2/token refused 'admin' (password grant) (400 invalid_grant)");
        assertThat(wrong.output).doesNotContain("not-the-password");
        assertThat(wrong.runFolder()).isEmpty();
    }

    @Test
    void noneModeSignsInNowhereAndSendsNoCredentials(@TempDir Path results) throws Exception {
        // Given no login, and a mix of the built-in target's one open endpoint
        GatlingRun open = GatlingRun.of(results, "SustainedLoad", "scale=0.005", "aftershock.target.auth.mode=none",
                "aftershock.sustained-load.mix.jwt-status=0", "aftershock.sustained-load.mix.agents=0",
                "aftershock.sustained-load.mix.api-keys=0");

        // Then the run PASSes without any sign-in
        assertThat(open.exitCode).as(open.output).isZero();
        assertThat(open.summary().requests()).extracting(RequestStats::name).containsOnly("all requests", "health");
        assertThat(open.output).contains("signed in with auth mode none");
    }

    @Test
    void bearerModeWithAWrongPasswordIsRefusedInOneLine(@TempDir Path results) throws Exception {
        // (A bearer run with the right password is every other e2e run: bearer is the default mode.)
        Path wrongPassword = Files.writeString(results.resolve("password"), "not-the-password");

        GatlingRun wrong = GatlingRun.of(results.resolve("wrong"), "SustainedLoad", "scale=0.005",
                "aftershock.target.admin-password-file=" + wrongPassword);

        assertThat(wrong.exitCode).isNotZero();
        assertThat(wrong.lastAftershockLine()).startsWith("aftershock: bad input: login as 'admin' was refused by http://127.0.0.1:")
                .endsWith("/api/auth/login (401): set ADMIN_USERNAME and ADMIN_PASSWORD (or"
                        + " aftershock.target.admin-password-file) to working credentials");
        assertThat(wrong.output).doesNotContain("not-the-password");
        assertThat(wrong.runFolder()).isEmpty();
    }

    @Test
    void aTypoInAKeyIsRefusedWithTheNearestRealKeyBeforeAnyLoad(@TempDir Path results) throws Exception {
        GatlingRun typo = GatlingRun.of(results, "SustainedLoad", "scale=0.005", "aftershock.target.auth.mdoe=cookie");

        assertThat(typo.exitCode).isNotZero();
        assertThat(typo.lastAftershockLine()).isEqualTo("aftershock: bad input: aftershock.target.auth.mdoe (-D) is not a"
                + " setting: did you mean aftershock.target.auth.mode? fix the name, or remove it");
        assertThat(typo.runFolder()).isEmpty();
    }

    /** summary.json and Gatling's HTML report name the own endpoints, each answered, and no built-in endpoint. */
    private static void assertOnlyOwnEndpointsAnswered(GatlingRun run) throws IOException {
        RunSummary summary = run.summary();
        assertThat(summary.requests()).extracting(RequestStats::name).containsExactlyInAnyOrder(
                concat(new String[] {Threshold.ALL_REQUESTS}, OWN_NAMES));
        assertThat(summary.requests()).allSatisfy(request -> {
            assertThat(request.ko()).as(request.name()).isZero();
            assertThat(request.count()).as(request.name()).isPositive();
        });
        String html = Files.readString(run.runFolder().orElseThrow().resolve("index.html"));
        for (String name : OWN_NAMES) {
            assertThat(html).contains(name);
        }
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Every regular file under {@code root} whose bytes contain {@code secret}. */
    private static List<Path> filesContaining(Path root, String secret) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
