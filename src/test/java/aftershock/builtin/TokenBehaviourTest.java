package aftershock.builtin;

import aftershock.supervisor.LocalTarget;
import aftershock.supervisor.TargetOptions;
import aftershock.testing.TargetCalls;
import static org.assertj.core.api.Assertions.assertThat;

import aftershock.testing.TargetCalls.Answer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenBehaviourTest {

    private static LocalTarget target;
    private static URI first;
    private static URI second;

    @BeforeAll
    static void startTarget() {
        target = LocalTarget.start(TargetOptions.defaults());
        first = target.replica(0).url();
        second = target.replica(1).url();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    private static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).subject("admin")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    @Test
    void aTokenIssuedByOneReplicaVerifiesOnTheOther() {
        // Given a token from replica 0
        Answer login = TargetCalls.login(first, "admin", "admin123");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(login.body().has("refresh_token")).isTrue();

        // When replica 1 checks it
        Answer status = TargetCalls.get(second, "/api/auth/jwt/status", login.body().get("access_token").asText());

        // Then it is valid there
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().get("valid").asBoolean()).isTrue();
        assertThat(status.body().get("sub").asText()).isEqualTo("admin");
        assertThat(status.body().get("replica").asText()).isEqualTo("replica-1");
    }

    @Test
    void wrongCredentialsAreRefused() {
        assertThat(TargetCalls.login(first, "admin", "nope").status()).isEqualTo(401);
    }

    @Test
    void tamperedExpiredAndAlgorithmMismatchedTokensGet401() throws Exception {
        // Given a valid token and three bad variants of it
        String valid = TargetCalls.accessToken(first);
        String[] parts = valid.split("\\.");
        String tamperedPayload = validClaims().subject("root").build().toPayload().toBase64URL().toString();
        String tampered = parts[0] + "." + tamperedPayload + "." + parts[2];
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        String expired = new Tokens(target.signingKey(), "test").sign(validClaims()
                .issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build());
        String none = new PlainJWT(validClaims().build()).serialize();
        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), validClaims().build());
        hs256.sign(new MACSigner(new byte[32]));

        // When / Then each is refused on both replicas, and the valid one is accepted
        assertThat(TargetCalls.get(second, "/api/auth/jwt/status", valid).status()).isEqualTo(200);
        for (String bad : new String[] {tampered, expired, none, hs256.serialize(), "garbage"}) {
            for (URI replica : new URI[] {first, second}) {
                Answer answer = TargetCalls.get(replica, "/api/auth/jwt/status", bad);
                assertThat(answer.status()).as("%s on %s", bad, replica).isEqualTo(401);
                assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
            }
        }
        assertThat(TargetCalls.get(first, "/api/auth/jwt/status", null).status()).isEqualTo(401);
    }

    @Test
    void refreshRotatesAndRejectsReuse() {
        // Given a refresh token from login
        String refresh = TargetCalls.login(first, "admin", "admin123").body().get("refresh_token").asText();

        // When it is used once, on the other replica
        Answer rotated = TargetCalls.postJson(second, "/api/auth/refresh", null, Map.of("refresh_token", refresh));

        // Then a new pair comes back, and the old refresh token is refused from then on
        assertThat(rotated.status()).isEqualTo(200);
        String next = rotated.body().get("refresh_token").asText();
        assertThat(next).isNotEqualTo(refresh);
        assertThat(TargetCalls.postJson(first, "/api/auth/refresh", null, Map.of("refresh_token", refresh)).status())
                .isEqualTo(401);
        assertThat(TargetCalls.postJson(first, "/api/auth/refresh", null, Map.of("refresh_token", next)).status())
                .isEqualTo(200);
    }

    @Test
    void oauth2TokenEndpointSpeaksRfc6749() throws Exception {
        // Given the discovery document
        Answer discovery = TargetCalls.get(first, "/.well-known/openid-configuration", null);
        // (an issuer that is a URL: the replica's own, with the login's key and the issuer's key published, both RSA)
        String issuer = discovery.body().get("issuer").asText();
        assertThat(issuer).isEqualTo(first.toString().replaceAll("/$", ""));
        URI tokenEndpoint = URI.create(discovery.body().get("token_endpoint").asText());
        assertThat(TargetCalls.get(first, "/.well-known/jwks.json", null).body().get("keys")).extracting(k -> k.get("kty").asText() + " " + k.get("kid").asText())
                .hasSize(2).doesNotHaveDuplicates().allMatch(k -> k.startsWith("RSA "));

        // When the password grant is used, then the refresh grant, then a wrong password
        Answer password = TargetCalls.postForm(tokenEndpoint, tokenEndpoint.getPath(),
                "grant_type=password&username=admin&password=admin123&client_id=aftershock&scope=api");
        Answer refreshed = TargetCalls.postForm(second, "/oauth2/token",
                "grant_type=refresh_token&refresh_token=" + password.body().get("refresh_token").asText());
        Answer wrong = TargetCalls.postForm(first, "/oauth2/token",
                "grant_type=password&username=admin&password=bad&client_id=aftershock");
        Answer reused = TargetCalls.postForm(first, "/oauth2/token",
                "grant_type=refresh_token&refresh_token=" + password.body().get("refresh_token").asText());

        // Then
        assertThat(password.status()).isEqualTo(200);
        SignedJWT issued = SignedJWT.parse(password.body().get("access_token").asText());
        assertThat(issued.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(issued.getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
        assertThat(TargetCalls.get(second, "/api/auth/jwt/status", password.body().get("access_token").asText()).status())
                .isEqualTo(200);
        assertThat(password.body().get("scope").asText()).isEqualTo("api");
        assertThat(password.body().get("expires_in").asLong()).isEqualTo(900);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(reused.body().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(TargetCalls.postForm(first, "/oauth2/token", "grant_type=client_credentials").body().get("error").asText())
                .isEqualTo("unsupported_grant_type");
    }

    @Test
    void sessionStateWrittenOnOneReplicaIsReadOnTheOther() {
        String token = TargetCalls.accessToken(first);
        String id = "s-" + UUID.randomUUID();
        assertThat(TargetCalls.get(second, "/api/sessions/" + id, token).status()).isEqualTo(404);
        Answer created = TargetCalls.putJson(first, "/api/sessions/" + id, token, Map.of("cart", 1));
        Answer updated = TargetCalls.putJson(first, "/api/sessions/" + id, token, Map.of("cart", 2));
        Answer read = TargetCalls.get(second, "/api/sessions/" + id, token);

        assertThat(created.status()).isEqualTo(201);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("version").asLong()).isEqualTo(2);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("state").get("cart").asInt()).isEqualTo(2);
    }

    @Test
    void everyReplicaRegistersItselfAsAnAgent() {
        String token = TargetCalls.accessToken(first);
        Answer agents = TargetCalls.get(second, "/api/agents", token);
        assertThat(agents.status()).isEqualTo(200);
        assertThat(agents.body().get("agents").findValuesAsText("replica")).contains("replica-0", "replica-1");
        assertThat(TargetCalls.get(first, "/ready", null).status()).isEqualTo(200);
    }
}
