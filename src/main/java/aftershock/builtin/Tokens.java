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
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and verifies the target's RS256 access tokens (Nimbus), and makes opaque refresh tokens.
 * Thread-safe; one instance per replica. Every token is verified in full on every request, as a real
 * resource server does: RS256 because its verification costs about 50 us of CPU here against about
 * 1.5 ms for ES256 ({@code aftershock.bench.VerificationCost}), and RS256 is what most OIDC providers sign with.
 */
public final class Tokens {

    /** The issuer every replica writes and checks. */
    public static final String ISSUER = "aftershock-target";
    /** The audience every replica writes and checks. */
    public static final String AUDIENCE = "aftershock-api";
    /** Lifetime of access tokens. */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BITS = 2048;

    private final RSAKey signingKey;
    private final RSASSASigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String replicaId;

    public Tokens(RSAKey signingKey, String replicaId) {
        if (!signingKey.isPrivate()) {
            throw new IllegalArgumentException("the signing key must be a private RSA JWK (it has no \"d\"):"
                    + " make one with aftershock.builtin.NewSigningKey");
        }
        this.signingKey = signingKey;
        this.replicaId = replicaId;
        try {
            this.signer = new RSASSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(signingKey.toPublicJWK()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "iat", "exp", "jti")));
    }

    /** A fresh RSA 2048 signing key with a key id, to share among replicas. */
    public static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(KEY_BITS).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** Parses a private RSA JWK JSON. */
    public static RSAKey parseKey(String jwkJson) {
        try {
            return RSAKey.parse(jwkJson);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the signing key is not an RSA JWK (" + e.getMessage() + "): keys of"
                    + " earlier versions were EC; make a new one with aftershock.builtin.NewSigningKey", e);
        }
    }

    /** True when {@code token} names this issuer's key id in its header. */
    boolean signedByThisKey(SignedJWT token) {
        return signingKey.getKeyID().equals(token.getHeader().getKeyID());
    }

    /** A signed access token for the subject, valid {@link #ACCESS_TOKEN_LIFETIME}. */
    public String issueAccessToken(String subject, String scope) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(subject).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ACCESS_TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).claim("replica", replicaId);
        if (scope != null && !scope.isBlank()) {
            claims.claim("scope", scope);
        }
        return sign(claims.build());
    }

    /** Signs arbitrary claims with the shared key (tests use it to forge expired tokens). */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** Full verification, every time: signature with RS256 only, iss, aud, required claims, expiry. */
    public JWTClaimsSet verify(String token) throws InvalidTokenException {
        try {
            return verify(SignedJWT.parse(token));
        } catch (ParseException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    /** The same, for a token already parsed (its signature and claims are still checked in full). */
    JWTClaimsSet verify(SignedJWT token) throws InvalidTokenException {
        try {
            return processor.process(token, null);
        } catch (BadJOSEException | JOSEException | RuntimeException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    /** A random opaque refresh token (256 bits, base64url). */
    public static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The public JWK set, for /.well-known/jwks.json. */
    public Map<String, Object> publicJwkSet() {
        return new JWKSet(signingKey.toPublicJWK()).toJSONObject(true);
    }

    /** The public JWK set with {@code other} keys too (the OIDC issuer's RSA key). */
    Map<String, Object> publicJwkSet(com.nimbusds.jose.jwk.JWK... other) {
        java.util.List<com.nimbusds.jose.jwk.JWK> keys = new java.util.ArrayList<>();
        keys.add(signingKey.toPublicJWK());
        keys.addAll(java.util.List.of(other));
        return new JWKSet(keys).toJSONObject(true);
    }

    /** A token failed verification; the message says why. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }
}
