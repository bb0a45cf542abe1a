package aftershock.architecture.planted.down;

import aftershock.architecture.planted.up.Upper;

/** The other half of the planted cycle. */
public final class Lower {
    public Upper upper() {
        return new Upper();
    }
}
