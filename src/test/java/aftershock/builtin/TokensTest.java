package aftershock.builtin;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokensTest {

    private final RSAKey key = Tokens.generateKey();
    private final Tokens tokens = new Tokens(key, "replica-1");

    @Test
    void issuesRs256TokensThatVerifyWithTheSharedKey() throws Exception {
        // Given a token this replica issued
        String token = tokens.issueAccessToken("admin", "api");

        // When another replica with the same key verifies it
        JWTClaimsSet claims = new Tokens(key, "replica-2").verify(token);

        // Then it is RS256 under the key's id, and its claims come through
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(tokens.signedByThisKey(SignedJWT.parse(token))).isTrue();
        assertThat(claims.getSubject()).isEqualTo("admin");
        assertThat(claims.getIssuer()).isEqualTo(Tokens.ISSUER);
    }

    @Test
    void refusesAnEs256TokenThatNamesTheSameKeyId() throws Exception {
        // Given an ES256 token with valid claims, signed by an EC key that claims this key's id
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate();
        SignedJWT es256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).subject("admin")
                        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .jwtID("id").build());
        es256.sign(new ECDSASigner(ec));

        // When / Then it is refused: the algorithm is pinned to RS256
        assertThatThrownBy(() -> tokens.verify(es256.serialize())).isInstanceOf(Tokens.InvalidTokenException.class);
    }

    @Test
    void refusesAnEcSigningKeyOfAnEarlierVersionSayingHowToMakeANewOne() throws Exception {
        // Given a private EC JWK, as earlier versions used
        String ecJwk = new ECKeyGenerator(Curve.P_256).keyID("old").generate().toJSONString();

        // When / Then parsing it says what is wrong and what to run
        assertThatThrownBy(() -> Tokens.parseKey(ecJwk)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an RSA JWK").hasMessageContaining("NewSigningKey");
    }
}
