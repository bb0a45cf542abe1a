package aftershock.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import aftershock.chaos.ChaosTimeline;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library waits for conditions through aftershock.waiting.Wait, never with a hand-written sleep-and-retry
 * loop. Two sleeps remain, each for a reason: the built-in service is a separate program whose slow-restart
 * defect sleeps on purpose, and the chaos timeline's schedule pauses for known times (fire a fault at its
 * offset, hold it, keep probing after recovery) without waiting for any condition.
 */
class WaitingRuleTest {

    private static final DescribedPredicate<JavaMethodCall> A_SLEEP = DescribedPredicate.describe(
            "Thread.sleep or TimeUnit.sleep",
            call -> call.getName().equals("sleep")
                    && (call.getTargetOwner().isEquivalentTo(Thread.class) || call.getTargetOwner().isEquivalentTo(TimeUnit.class)));

    private static final DescribedPredicate<JavaMethodCall> THE_TIMELINE_SCHEDULE = DescribedPredicate.describe(
            "the schedule of ChaosTimeline (sleepUntil)",
            call -> call.getOriginOwner().isEquivalentTo(ChaosTimeline.class) && call.getOrigin().getName().equals("sleepUntil"));

    static final ArchRule NO_HAND_WRITTEN_SLEEPS = noClasses()
            .that().resideOutsideOfPackage("aftershock.builtin..")
            .should().callMethodWhere(A_SLEEP.and(not(THE_TIMELINE_SCHEDULE)))
            .as("the library waits through aftershock.waiting.Wait, not with Thread.sleep")
            .because("a sleep-and-retry loop has no message saying what it awaited, what it last saw and what to do");

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("aftershock");

    @Test
    void theLibraryHasNoHandWrittenSleeps() {
        assertThat(LIBRARY).isNotEmpty();
        NO_HAND_WRITTEN_SLEEPS.check(LIBRARY);
    }

    @Test
    void aPlantedSleepAndRetryLoopIsCaught() {
        // Given a class with a Thread.sleep in a method named like the timeline's, and a TimeUnit sleep
        JavaClasses planted = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("aftershock.architecture.planted.sleepy");

        // When the rule judges it
        EvaluationResult result = NO_HAND_WRITTEN_SLEEPS.evaluate(planted);

        // Then both sleeps are reported, with where they are
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("RetryLoop.sleepUntil").contains("Thread.sleep"))
                .anySatisfy(line -> assertThat(line).contains("RetryLoop.until").contains("TimeUnit.sleep"));
    }
}
