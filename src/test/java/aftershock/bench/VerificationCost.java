package aftershock.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Duration;
import java.util.Date;
import java.util.Set;

/**
 * CPU cost of one full Nimbus verification (signature, iss, aud, required claims, expiry) of an ES256 and an
 * RS256 (2048-bit) access token, on one thread: what each authenticated request of the built-in target pays.
 *
 * <pre>
 *   java -cp target/test-classes:$(cat classpath.txt) aftershock.bench.VerificationCost [seconds-per-algorithm]
 * </pre>
 */
public final class VerificationCost {

    private VerificationCost() {
    }

    public static void main(String[] args) throws Exception {
        Duration each = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        for (int round = 0; round < 2; round++) {
            // The first round warms the JIT up; the second is the figure.
            report(round, "ES256", ec, JWSAlgorithm.ES256, each);
            report(round, "RS256", rsa, JWSAlgorithm.RS256, each);
        }
    }

    private static void report(int round, String name, JWK key, JWSAlgorithm algorithm, Duration each) throws Exception {
        String token = token(key, algorithm);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("aud",
                new JWTClaimsSet.Builder().issuer("iss").build(), Set.of("sub", "iat", "exp", "jti")));
        long verifications = 0;
        long started = System.nanoTime();
        long deadline = started + each.toNanos();
        while (System.nanoTime() < deadline) {
            processor.process(token, null);
            verifications++;
        }
        double micros = (System.nanoTime() - started) / 1000.0 / verifications;
        System.out.printf("%s %s: %.1f us per verification (%d in %d s, one thread)%n",
                round == 0 ? "warm-up" : "measured", name, micros, verifications, each.toSeconds());
    }

    private static String token(JWK key, JWSAlgorithm algorithm) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("iss").audience("aud").subject("admin")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
                .jwtID("id").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        jwt.sign(algorithm == JWSAlgorithm.ES256 ? new ECDSASigner(key.toECKey()) : new RSASSASigner(key.toRSAKey()));
        return jwt.serialize();
    }
}
