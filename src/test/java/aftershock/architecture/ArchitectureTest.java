package aftershock.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The house rules of the library in src/main/java: no import cycle between packages, and the built-in service
 * stands alone (the runner starts it as a separate program and never links it).
 */
class ArchitectureTest {

    /** Every package of the library, each a slice; sub-packages (chaos.local) are slices of their own. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("aftershock.(**)").should().beFreeOfCycles()
            .as("no import cycle between the packages of aftershock");

    /** The runner never imports the built-in service: it starts it as a process. */
    static final ArchRule RUNNER_DOES_NOT_LINK_THE_BUILT_IN_SERVICE = noClasses()
            .that().resideOutsideOfPackage("aftershock.builtin..")
            .should().dependOnClassesThat().resideInAPackage("aftershock.builtin..")
            .as("the runner does not import the built-in service (aftershock.builtin)");

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("aftershock");

    @Test
    void theLibraryHasNoPackageCycles() {
        assertThat(LIBRARY).isNotEmpty();
        NO_PACKAGE_CYCLES.check(LIBRARY);
    }

    @Test
    void theRunnerDoesNotImportTheBuiltInService() {
        RUNNER_DOES_NOT_LINK_THE_BUILT_IN_SERVICE.check(LIBRARY);
    }

    @Test
    void theBuiltInServiceImportsNothingElseOfAftershock() {
        noClasses().that().resideInAPackage("aftershock.builtin..")
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "in aftershock outside aftershock.builtin",
                        c -> c.getPackageName().startsWith("aftershock.") && !c.getPackageName().startsWith("aftershock.builtin")))
                .check(LIBRARY);
    }

    @Test
    void aPlantedCycleIsCaught() {
        // Given two packages that import each other (planted in aftershock.architecture.planted, test code only)
        JavaClasses planted = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("aftershock.architecture.planted");

        // When the same rule judges them
        EvaluationResult result = NO_PACKAGE_CYCLES.evaluate(planted);

        // Then it fails and names both packages
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("planted.up").contains("planted.down");
    }

    @Test
    void aPlantedImportOfTheBuiltInServiceIsCaught() {
        JavaClasses planted = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("aftershock.architecture.planted", "aftershock.builtin");

        EvaluationResult result = RUNNER_DOES_NOT_LINK_THE_BUILT_IN_SERVICE.evaluate(planted);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Linker").contains("aftershock.builtin.Defect");
    }
}
