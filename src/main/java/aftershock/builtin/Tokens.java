package aftershock.builtin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies the target's ES256 access tokens (Nimbus), and makes opaque refresh tokens.
 * Thread-safe; one instance per replica.
 */
public final class Tokens {

    /** The issuer every replica writes and checks. */
    public static final String ISSUER = "aftershock-target";
    /** The audience every replica writes and checks. */
    public static final String AUDIENCE = "aftershock-api";
    /** Lifetime of access tokens. */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS);
    private static final int MAX_CACHED_TOKENS = 10_000;

    private final ECKey signingKey;
    private final ECDSASigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String replicaId;
    private final Map<String, JWTClaimsSet> verified = new ConcurrentHashMap<>();

    public Tokens(ECKey signingKey, String replicaId) {
        if (!signingKey.isPrivate()) {
            throw new IllegalArgumentException("the signing key must be a private EC P-256 JWK (it has no \"d\")");
        }
        this.signingKey = signingKey;
        this.replicaId = replicaId;
        try {
            this.signer = new ECDSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(new JWKSet(signingKey.toPublicJWK()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "iat", "exp", "jti")));
    }

    /** A fresh EC P-256 signing key with a key id, to share among replicas. */
    public static ECKey generateKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key", e);
        }
    }

    /** Parses a private JWK JSON. */
    public static ECKey parseKey(String jwkJson) {
        try {
            return ECKey.parse(jwkJson);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the signing key is not an EC JWK: " + e.getMessage(), e);
        }
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
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * Full verification: signature with ES256 only, iss, aud, required claims, expiry. Tokens that passed
     * are remembered by their exact compact form (a tampered token is another string and is verified in
     * full); expiry is checked again on every use. ES256 verification costs about 1 ms of CPU, which
     * would otherwise cap a 2-core box at a few hundred authenticated requests per second.
     */
    public JWTClaimsSet verify(String token) throws InvalidTokenException {
        JWTClaimsSet cached = verified.get(token);
        if (cached != null) {
            if (cached.getExpirationTime().toInstant().plus(CLOCK_SKEW).isAfter(Instant.now())) {
                return cached;
            }
            verified.remove(token);
            throw new InvalidTokenException("Expired JWT");
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            if (verified.size() >= MAX_CACHED_TOKENS) {
                verified.clear();
            }
            verified.put(token, claims);
            return claims;
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
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
