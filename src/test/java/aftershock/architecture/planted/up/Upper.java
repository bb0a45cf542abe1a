package aftershock.architecture.planted.up;

import aftershock.architecture.planted.down.Lower;

/** Half of a planted package cycle: the architecture test must catch it. */
public final class Upper {
    public Lower lower() {
        return new Lower();
    }
}
