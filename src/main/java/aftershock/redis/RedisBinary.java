package aftershock.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The linux-amd64 redis-server shipped inside the embedded-redis jar, extracted once to
 * ${java.io.tmpdir}/aftershock-redis and made executable.
 */
public final class RedisBinary {

    static final String RESOURCE = "redis-server-6.2.6-v5-linux-amd64";

    private static Path extracted;

    private RedisBinary() {
    }

    /** The path of an executable redis-server, extracting it on first use. */
    public static synchronized Path path() {
        if (extracted != null && Files.isExecutable(extracted)) {
            return extracted;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the built-in Redis runs on linux-amd64 only, this is " + os + "/" + arch
                    + ": point Aftershock at your own target with BASE_URL");
        }
        try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " not found on the classpath:"
                        + " is com.github.codemonstur:embedded-redis:1.4.4 a dependency?");
            }
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "aftershock-redis"));
            Path target = dir.resolve(RESOURCE);
            byte[] bytes = in.readAllBytes();
            if (!Files.exists(target) || Files.size(target) != bytes.length) {
                Path tmp = Files.createTempFile(dir, RESOURCE, ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            if (!target.toFile().setExecutable(true, false)) {
                throw new IllegalStateException("cannot make " + target + " executable: is " + dir + " on a noexec mount?");
            }
            extracted = target;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + RESOURCE + " to java.io.tmpdir", e);
        }
    }
}
