package aftershock.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TokenVerifierTest {

    private final ECKey key = generate("issuer-key");
    private final TokenVerifier verifier = TokenVerifier.fromKeys(new JWKSet(key.toPublicJWK()), "aftershock-target", "aftershock-api");

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(ECKey signingKey, String issuer, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience("aftershock-api").subject("admin")
                .issueTime(new Date()).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(signingKey));
        return jwt.serialize();
    }

    @Test
    void acceptsATokenSignedByTheIssuersKey() throws Exception {
        assertThat(verifier.isValid(token(key, "aftershock-target", Instant.now().plusSeconds(600)))).isTrue();
    }

    @Test
    void rejectsATokenWithOneCharacterOfItsSignatureChanged() throws Exception {
        String good = token(key, "aftershock-target", Instant.now().plusSeconds(600));
        int at = good.length() - 5;
        String tampered = good.substring(0, at) + (good.charAt(at) == 'A' ? 'B' : 'A') + good.substring(at + 1);

        assertThat(verifier.isValid(tampered)).isFalse();
    }

    @Test
    void rejectsATokenSignedByAnotherKeyWithTheSameKeyId() throws Exception {
        assertThat(verifier.isValid(token(generate("issuer-key"), "aftershock-target", Instant.now().plusSeconds(600)))).isFalse();
    }

    @Test
    void rejectsAnExpiredTokenAndOneFromAnotherIssuer() throws Exception {
        assertThat(verifier.isValid(token(key, "aftershock-target", Instant.now().minusSeconds(3600)))).isFalse();
        assertThat(verifier.isValid(token(key, "someone-else", Instant.now().plusSeconds(600)))).isFalse();
    }

    @Test
    void rejectsAnHmacTokenEvenWhenItsClaimsAreRight() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("aftershock-target").audience("aftershock-api")
                .subject("admin").issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .jwtID("x").build();
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hs.sign(new MACSigner(new byte[32]));

        assertThat(verifier.isValid(hs.serialize())).isFalse();
        assertThat(verifier.isValid("not.a.token")).isFalse();
        assertThat(verifier.isValid("")).isFalse();
    }
}
