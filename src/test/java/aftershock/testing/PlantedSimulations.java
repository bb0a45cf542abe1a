package aftershock.testing;

import aftershock.catalog.Kind;
import aftershock.run.JudgedSimulation;
import io.gatling.javaapi.core.Simulation;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Simulation classes compiled into a folder, as a user's project has them in target/test-classes: a test can
 * find them without leaving them on the project's own classpath (where every scan would list them).
 *
 * <pre>{@code
 * Path classes = PlantedSimulations.in(tempDir)
 *         .simulation("com.acme.perf.MyCheckout", "@aftershock.catalog.Kind(aftershock.catalog.SimulationKind.LOAD)")
 *         .compile();
 * }</pre>
 */
public final class PlantedSimulations {

    private final Path root;
    private final List<Path> sources = new ArrayList<>();

    private PlantedSimulations(Path root) {
        this.root = root;
    }

    /** Sources go to {@code root/src}, classes to {@code root/classes}. */
    public static PlantedSimulations in(Path root) {
        return new PlantedSimulations(root);
    }

    /** A concrete simulation extending JudgedSimulation, with the given annotations (empty: unmarked). */
    public PlantedSimulations simulation(String className, String annotations) throws IOException {
        return subclass(className, annotations, JudgedSimulation.class.getName());
    }

    /** A concrete simulation extending {@code superclass} (itself a JudgedSimulation, abstract or not). */
    public PlantedSimulations subclass(String className, String annotations, String superclass) throws IOException {
        int dot = className.lastIndexOf('.');
        String source = "package " + className.substring(0, dot) + ";\n\n"
                + annotations + "\n"
                + "public class " + className.substring(dot + 1) + " extends " + superclass + " {\n"
                + "    public " + className.substring(dot + 1) + "() {\n"
                + "        super(\"planted by a test\");\n"
                + "    }\n"
                + (superclass.equals(JudgedSimulation.class.getName())
                        ? "    @Override\n    protected void plan() {\n    }\n" : "")
                + "}\n";
        Path file = root.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        sources.add(file);
        return this;
    }

    /** Compiles every source given so far into {@code root/classes}; returns that folder. */
    public Path compile() throws IOException {
        return compileInto(root.resolve("classes"));
    }

    /** Compiles every source given so far into {@code classes}; returns it. */
    public Path compileInto(Path classes) throws IOException {
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp", compileClasspath()));
        sources.forEach(source -> arguments.add(source.toString()));
        int status = javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("planted simulations did not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    /** Packs a class folder into a jar named {@code jarName}, beside it. */
    public static Path jar(Path classes, String jarName) throws IOException {
        Path jar = classes.resolveSibling(jarName);
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             Stream<Path> all = Files.walk(classes)) {
            for (Path classFile : all.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** What javac needs to compile a JudgedSimulation subclass: our classes (main and test) and Gatling's Java API. */
    private static String compileClasspath() {
        return Stream.of(JudgedSimulation.class, Kind.class, Simulation.class, PlantedSimulations.class)
                .map(PlantedSimulations::location)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
