package aftershock.architecture.planted.down;

import aftershock.builtin.Defect;

/** A planted import of the built-in service from outside it: the architecture test must catch it. */
public final class Linker {
    public String defect() {
        return Defect.NO_FALLBACK.key();
    }
}
