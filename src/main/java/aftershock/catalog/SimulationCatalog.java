package aftershock.catalog;

import aftershock.run.JudgedSimulation;
import io.github.classgraph.AnnotationEnumValue;
import io.github.classgraph.AnnotationInfo;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The simulations on the classpath: every concrete subclass of {@link JudgedSimulation}, in any package, read
 * from the class files without loading them.
 *
 * <pre>{@code
 * SimulationCatalog catalog = SimulationCatalog.onClasspath();
 * String className = catalog.find("SpikeLoad").className();   // aftershock.simulations.SpikeLoad
 * List<FoundSimulation> asksFirst = catalog.ofKind(SimulationKind.RESILIENCE);
 * }</pre>
 *
 * Class folders (target/test-classes, target/classes) are searched, and jars only when they are test-jars
 * ({@code *-tests.jar}, how simulations are shared): reading every library jar would cost seconds per run.
 */
public final class SimulationCatalog {

    private static final String TEST_JAR_SUFFIX = "-tests.jar";

    private final List<FoundSimulation> simulations;

    private SimulationCatalog(List<FoundSimulation> simulations) {
        this.simulations = simulations.stream()
                .sorted(Comparator.comparing(FoundSimulation::shortName).thenComparing(FoundSimulation::className))
                .toList();
    }

    /** The simulations in the class folders and test-jars this JVM was started with. */
    public static SimulationCatalog onClasspath() {
        return scan(new ClassGraph());
    }

    /** The simulations in the given class folders and test-jars only. */
    public static SimulationCatalog in(List<Path> classpath) {
        return scan(new ClassGraph().overrideClasspath(classpath));
    }

    /** A catalogue of the given simulations, as found elsewhere. */
    public static SimulationCatalog of(List<FoundSimulation> simulations) {
        return new SimulationCatalog(simulations);
    }

    private static SimulationCatalog scan(ClassGraph classGraph) {
        try (ScanResult classes = classGraph
                .filterClasspathElements(path -> !path.endsWith(".jar") || path.endsWith(TEST_JAR_SUFFIX))
                .enableClassInfo()
                .enableAnnotationInfo()
                .scan()) {
            return new SimulationCatalog(classes.getSubclasses(JudgedSimulation.class).stream()
                    .filter(type -> !type.isAbstract() && !type.isAnonymousInnerClass())
                    .map(SimulationCatalog::found)
                    .toList());
        }
    }

    private static FoundSimulation found(ClassInfo type) {
        return new FoundSimulation(type.getName(), declaredKind(type));
    }

    // Walks up by hand: ClassGraph applies @Inherited only when it has read Kind itself, which it has not when
    // the library comes as a jar.
    private static Optional<SimulationKind> declaredKind(ClassInfo type) {
        for (ClassInfo level = type; level != null; level = level.getSuperclass()) {
            AnnotationInfo kind = level.getAnnotationInfo(Kind.class);
            if (kind != null) {
                AnnotationEnumValue value = (AnnotationEnumValue) kind.getParameterValues().getValue("value");
                return Optional.of(SimulationKind.valueOf(value.getValueName()));
            }
        }
        return Optional.empty();
    }

    /** Every simulation, by short name. */
    public List<FoundSimulation> all() {
        return simulations;
    }

    /** The simulations of one kind (unmarked ones count as resilience), by short name. */
    public List<FoundSimulation> ofKind(SimulationKind kind) {
        return simulations.stream().filter(simulation -> simulation.kind() == kind).toList();
    }

    /**
     * The simulation a user named: its short name ({@code SpikeLoad}) or its full class name
     * ({@code com.acme.perf.SpikeLoad}, needed only when two packages hold the same short name).
     *
     * @throws UnknownSimulation when no simulation, or more than one, has that name
     */
    public FoundSimulation find(String name) {
        String wanted = name == null ? "" : name.strip();
        if (simulations.isEmpty()) {
            throw new UnknownSimulation("aftershock: unknown simulation '" + wanted + "': no simulation was found (no class extending "
                    + JudgedSimulation.class.getName() + " in the compiled class folders or test-jars): run 'mvn test-compile', and check that your simulations extend it");
        }
        String example = " (for example: mvn gatling:test -Dsimulation=" + nameOf(simulations.get(0)) + ")";
        if (wanted.isEmpty()) {
            throw new UnknownSimulation("aftershock: no simulation named. Choose one of: " + choices() + example);
        }
        List<FoundSimulation> matches = simulations.stream()
                .filter(simulation -> wanted.equals(wanted.contains(".") ? simulation.className() : simulation.shortName()))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new UnknownSimulation("aftershock: unknown simulation '" + wanted + "'. Choose one of: " + choices() + example);
        }
        String classNames = matches.stream().map(FoundSimulation::className).collect(Collectors.joining("|"));
        throw new UnknownSimulation("aftershock: simulation '" + wanted + "' is ambiguous: " + classNames
                + ". Give the full class name (for example: mvn gatling:test -Dsimulation=" + matches.get(0).className() + ")");
    }

    /** The name to give {@code -Dsimulation}: the short name, or the full class name when another package has the same short name. */
    public String nameOf(FoundSimulation simulation) {
        boolean shared = simulations.stream()
                .anyMatch(other -> !other.equals(simulation) && other.shortName().equals(simulation.shortName()));
        return shared ? simulation.className() : simulation.shortName();
    }

    /** The names {@code -Dsimulation} takes, separated by {@code |}, as the unknown-name line lists them. */
    public String choices() {
        return simulations.stream().map(this::nameOf).collect(Collectors.joining("|"));
    }
}
