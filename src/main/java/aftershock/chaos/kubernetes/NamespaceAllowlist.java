package aftershock.chaos.kubernetes;

import aftershock.chaos.FaultException;

import java.util.Arrays;
import java.util.List;

/**
 * The namespaces Kubernetes faults may touch; anything else is refused before any API call.
 *
 * <pre>
 *   NamespaceAllowlist allowlist = NamespaceAllowlist.fromSystemProperty();  // "staging,chaos-test"
 *   allowlist.check("prod");   // throws FaultException naming the allowlist and the property
 * </pre>
 */
public record NamespaceAllowlist(List<String> namespaces) {

    /** The system property holding the comma-separated allowlist. */
    public static final String PROPERTY = "aftershock.kubernetes.allowed-namespaces";

    public NamespaceAllowlist {
        namespaces = List.copyOf(namespaces);
    }

    /** An allowlist of exactly these namespaces. */
    public static NamespaceAllowlist of(String... namespaces) {
        return new NamespaceAllowlist(List.of(namespaces));
    }

    /** Parses a comma-separated list such as "staging, chaos-test"; blank means nothing is allowed. */
    public static NamespaceAllowlist parse(String commaSeparated) {
        return new NamespaceAllowlist(Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(namespace -> !namespace.isEmpty())
                .toList());
    }

    /** Reads {@value #PROPERTY}; unset means nothing is allowed. */
    public static NamespaceAllowlist fromSystemProperty() {
        return parse(System.getProperty(PROPERTY, ""));
    }

    /** True when faults may touch this namespace. */
    public boolean allows(String namespace) {
        return namespaces.contains(namespace);
    }

    /** Throws {@link FaultException} unless faults may touch this namespace. */
    public void check(String namespace) {
        if (!allows(namespace)) {
            throw new FaultException("namespace '" + namespace + "' is not on the chaos allowlist "
                    + namespaces + ": add it to " + PROPERTY + " to allow faults there");
        }
    }
}
