package aftershock.generator;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads every class of the runner before the load, without initialising any. Loading a class from a folder of
 * class files opens a file; a generator out of descriptors cannot, and the JVM then remembers that the class could
 * not be found at that call site for the rest of the run (a {@code NoClassDefFoundError} in the verdict, and no
 * report). Loaded ahead, the verdict and the reports need no descriptor to find their code.
 *
 * <pre>
 *   int loaded = ClassPreload.runner();   // before any load
 * </pre>
 */
public final class ClassPreload {

    /** The built-in service is a separate program the runner starts, never runs: its classes stay unloaded. */
    private static final String SKIPPED = "aftershock/builtin/";

    private ClassPreload() {
    }

    /** Loads the classes of the folder or jar this runner's code comes from; returns how many were loaded. */
    public static int runner() {
        CodeSource source = ClassPreload.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return 0;
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            List<String> names = Files.isDirectory(location) ? inFolder(location) : inJar(location);
            return load(names, ClassPreload.class.getClassLoader());
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            // Not fatal: the run goes on and an exhausted generator may then lose its report, as before.
            return 0;
        }
    }

    static int load(List<String> classNames, ClassLoader loader) {
        int loaded = 0;
        for (String name : classNames) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // A class whose optional dependency is absent: it would fail at its own first use too.
            }
        }
        return loaded;
    }

    static List<String> inFolder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.map(file -> folder.relativize(file).toString().replace('\\', '/'))
                    .filter(ClassPreload::isRunnerClass).map(ClassPreload::className).toList();
        }
    }

    private static List<String> inJar(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (isRunnerClass(entry)) {
                    names.add(className(entry));
                }
            }
        }
        return names;
    }

    private static boolean isRunnerClass(String path) {
        return path.startsWith("aftershock/") && path.endsWith(".class") && !path.startsWith(SKIPPED)
                && !path.endsWith("module-info.class") && !path.endsWith("package-info.class");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
