package aftershock.run;

import aftershock.config.Settings;

import java.net.URI;
import java.util.List;

/** PLACEHOLDER until the target lands. */
public final class BuiltInTarget implements AutoCloseable {
    public static BuiltInTarget start(Settings settings, Target.Needs needs) {
        throw new UnsupportedOperationException("not yet");
    }
    public List<URI> baseUrls() { return List.of(); }
    public String redisAddress() { return ""; }
    public String describe() { return "built-in"; }
    @Override public void close() { }
}
