package aftershock.probes;

import aftershock.client.Credentials;

import java.util.function.Supplier;

/**
 * Who a lost-data check writes a value as, and so reads it back as. With a session cookie each value gets a
 * session of its own, read back with that session's cookie: a session store that loses sessions loses their values
 * (a 401 on read-back). With a token or an API key, the load's identity.
 *
 * <pre>
 *   DataIdentities identities = load.dataIdentities();
 *   Credentials writer = identities.forNewValue();   // kept with the value, used again to read it back
 * </pre>
 */
public interface DataIdentities {

    /** The identity to write a new value with; in cookie mode a fresh sign-in, which may throw mid-fault. */
    Credentials forNewValue();

    /** True when each value is written in a session of its own. */
    boolean sessionPerValue();

    /** Every value written as the same (or the load's next) identity. */
    static DataIdentities shared(Supplier<? extends Credentials> identity) {
        return new DataIdentities() {
            @Override
            public Credentials forNewValue() {
                return identity.get();
            }

            @Override
            public boolean sessionPerValue() {
                return false;
            }
        };
    }

    /** Each value written in a session of its own, signed in by {@code signIn}. */
    static DataIdentities sessionPerValue(Supplier<? extends Credentials> signIn) {
        return new DataIdentities() {
            @Override
            public Credentials forNewValue() {
                return signIn.get();
            }

            @Override
            public boolean sessionPerValue() {
                return true;
            }
        };
    }
}
