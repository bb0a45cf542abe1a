package aftershock.auth;

import aftershock.client.PreflightException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Verifies access tokens the way a careful resource server does: signature against the issuer's JWKS, only
 * the algorithms its keys are for, expiry, and the issuer and audience when they are known. A corrupted or
 * wrongly signed token is an error under load, never a pass.
 *
 * <pre>
 *   TokenVerifier verifier = TokenVerifier.fromJwksUri(URI.create("http://127.0.0.1:8081/.well-known/jwks.json"),
 *           "aftershock-target", "");
 *   boolean good = verifier.isValid(accessToken);
 * </pre>
 */
public final class TokenVerifier {

    private static final Set<String> REQUIRED = Set.of("sub", "iat", "exp", "jti");

    private final DefaultJWTProcessor<SecurityContext> processor;

    private TokenVerifier(DefaultJWTProcessor<SecurityContext> processor) {
        this.processor = processor;
    }

    /**
     * Fetches the key set once (before the load) and builds a verifier.
     *
     * @param issuer   required "iss", or empty to accept any
     * @param audience required "aud", or empty to accept any
     */
    public static TokenVerifier fromJwksUri(URI jwksUri, String issuer, String audience) {
        return fromKeys(load(jwksUri), issuer, audience, REQUIRED);
    }

    /**
     * A verifier for a third-party issuer's access tokens: signature, expiry, issuer and audience; of the claims only
     * {@code exp} is required (RFC 9068 asks for more, but many issuers leave out jti or sub for client tokens).
     */
    public static TokenVerifier forIssuer(URI jwksUri, String issuer, String audience) {
        return fromKeys(load(jwksUri), issuer, audience, Set.of("exp"));
    }

    private static JWKSet load(URI jwksUri) {
        JWKSet keys;
        try {
            keys = JWKSet.load(jwksUri.toURL(), 5000, 5000, 1_000_000);
        } catch (IOException | ParseException e) {
            throw new PreflightException("could not load the JWKS at " + jwksUri + " (" + e.getMessage()
                    + "): check the target's JWKS path or aftershock.target.auth.oidc.jwks-uri");
        }
        return keys;
    }

    public static TokenVerifier fromKeys(JWKSet keys, String issuer, String audience) {
        return fromKeys(keys, issuer, audience, REQUIRED);
    }

    private static TokenVerifier fromKeys(JWKSet keys, String issuer, String audience, Set<String> required) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (JWK key : keys.getKeys()) {
            if (key.getAlgorithm() != null) {
                algorithms.add(JWSAlgorithm.parse(key.getAlgorithm().getName()));
            } else {
                algorithms.addAll(switch (key.getKeyType().getValue()) {
                    case "EC" -> JWSAlgorithm.Family.EC;
                    case "RSA" -> JWSAlgorithm.Family.RSA;
                    default -> Set.of();
                });
            }
        }
        if (algorithms.isEmpty()) {
            throw new PreflightException("the JWKS holds no EC or RSA signing key: nothing to verify tokens with; point"
                    + " aftershock.target.auth.oidc.jwks-uri at the issuer's signing keys");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, new ImmutableJWKSet<>(keys)));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (!issuer.isEmpty()) {
            exact.issuer(issuer);
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience.isEmpty() ? null : audience,
                exact.build(), new HashSet<>(required)));
        return new TokenVerifier(processor);
    }

    /** True when the token is well formed, signed by one of the keys, unexpired and for the right issuer and audience. */
    public boolean isValid(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        try {
            processor.process(token, null);
            return true;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return false;
        }
    }
}
