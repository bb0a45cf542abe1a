package aftershock.builtin;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NewSigningKeyTest {

    @Test
    void printsAPrivateKeyWhoseTokensVerifyOnAnotherReplicaGivenTheSameKey() throws Exception {
        // Given the key the command prints, as a Secret would hand it to two replicas
        String printed = printedKey();
        RSAKey key = Tokens.parseKey(printed);
        Tokens replicaA = new Tokens(key, "replica-a");
        Tokens replicaB = new Tokens(Tokens.parseKey(printed), "replica-b");

        // When replica A issues a token
        String token = replicaA.issueAccessToken("admin", "api");

        // Then it is a private key with an id, and replica B accepts A's token
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.getKeyID()).isNotBlank();
        assertThat(replicaB.verify(token).getSubject()).isEqualTo("admin");
        Tokens otherKey = new Tokens(Tokens.parseKey(printedKey()), "replica-c");
        assertThatThrownBy(() -> otherKey.verify(token)).isInstanceOf(Tokens.InvalidTokenException.class);
    }

    private static String printedKey() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            NewSigningKey.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
