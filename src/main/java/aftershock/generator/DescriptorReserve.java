package aftershock.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * File descriptors held from the start of load and given back when it ends, so that a generator that ran out of
 * descriptors during the load can still load classes and write its verdict, interval log and reports.
 *
 * <pre>
 *   DescriptorReserve reserve = DescriptorReserve.hold(64);
 *   ... load ...
 *   reserve.release();   // before the verdict
 * </pre>
 */
public final class DescriptorReserve {

    private static final Path NULL_DEVICE = Path.of("/dev/null");

    private final List<FileChannel> held;

    private DescriptorReserve(List<FileChannel> held) {
        this.held = held;
    }

    /** Opens {@code count} descriptors on /dev/null; none where there is no /dev/null. */
    public static DescriptorReserve hold(int count) {
        List<FileChannel> held = new ArrayList<>();
        if (!NULL_DEVICE.toFile().exists()) {
            return new DescriptorReserve(held);
        }
        try {
            for (int i = 0; i < count; i++) {
                held.add(FileChannel.open(NULL_DEVICE, StandardOpenOption.READ));
            }
        } catch (IOException e) {
            new DescriptorReserve(held).release();
            throw new UncheckedIOException("could not hold " + count + " file descriptors in reserve (" + e.getMessage()
                    + "): raise the limit with ulimit -n, or lower aftershock.generator.descriptor-reserve", e);
        }
        return new DescriptorReserve(held);
    }

    /** How many descriptors are held. */
    public synchronized int held() {
        return held.size();
    }

    /** Gives the descriptors back; safe to call twice. */
    public synchronized void release() {
        for (FileChannel channel : held) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing /dev/null does not fail in a way that matters here.
            }
        }
        held.clear();
    }
}
