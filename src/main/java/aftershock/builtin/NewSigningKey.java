package aftershock.builtin;

/**
 * Prints a fresh private RSA 2048 JWK (JSON), the key the built-in target's replicas share to sign and verify their
 * access tokens. The local supervisor hands one to its replicas itself; on Kubernetes it goes into a Secret that
 * every replica mounts, so a token one pod issued verifies on every other:
 *
 * <pre>
 *   java -cp "target/classes:$(cat target/classpath.txt)" aftershock.builtin.NewSigningKey > target/signing-key.json
 *   kubectl -n aftershock create secret generic aftershock-target-signing-key --from-file=signing-key.json=target/signing-key.json
 * </pre>
 */
public final class NewSigningKey {

    private NewSigningKey() {
    }

    public static void main(String[] args) {
        System.out.println(Tokens.generateKey().toJSONString());
    }
}
