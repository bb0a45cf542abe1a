package aftershock.builtin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The built-in OAuth2/OIDC issuer's RS256 access tokens, issued by {@code /oauth2/token}. Its issuer is a URL, the
 * replica's own base URL, as discovery requires; every replica shares the RSA key, and accepts the tokens of any
 * built-in replica on loopback.
 */
final class OidcTokens {

    private static final Pattern LOOPBACK_ISSUER = Pattern.compile("http://127\\.0\\.0\\.1:\\d+");

    private final RSAKey key;
    private final RSASSASigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String issuer;
    private final String replicaId;

    OidcTokens(RSAKey key, String issuer, String replicaId) {
        this.key = key;
        this.issuer = issuer;
        this.replicaId = replicaId;
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable OIDC key: " + e.getMessage(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Tokens.AUDIENCE, null,
                Set.of("iss", "sub", "iat", "exp", "jti")));
    }

    /** A fresh RSA 2048 key with a key id, to share among replicas. */
    static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    static RSAKey parseKey(String jwkJson) {
        try {
            return RSAKey.parse(jwkJson);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the OIDC key is not an RSA JWK: " + e.getMessage(), e);
        }
    }

    String issuer() {
        return issuer;
    }

    RSAKey publicKey() {
        return key.toPublicJWK();
    }

    String issueAccessToken(String subject, String scope) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).audience(Tokens.AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Tokens.ACCESS_TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).claim("replica", replicaId);
        if (scope != null && !scope.isBlank()) {
            claims.claim("scope", scope);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    JWTClaimsSet verify(SignedJWT token) throws Tokens.InvalidTokenException {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            if (!LOOPBACK_ISSUER.matcher(claims.getIssuer()).matches()) {
                throw new Tokens.InvalidTokenException("issuer " + claims.getIssuer() + " is not a built-in replica");
            }
            return claims;
        } catch (BadJOSEException | JOSEException e) {
            throw new Tokens.InvalidTokenException(e.getMessage());
        }
    }
}
