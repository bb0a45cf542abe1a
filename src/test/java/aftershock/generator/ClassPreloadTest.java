package aftershock.generator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassPreloadTest {

    @Test
    void findsTheRunnersClassFilesButNotTheBuiltInServices(@TempDir Path folder) throws Exception {
        // Given a folder of class files like target/classes
        for (String file : List.of("aftershock/verdict/Outcome.class", "aftershock/run/Load$1.class",
                "aftershock/builtin/TargetServer.class", "aftershock/package-info.class", "logback.xml",
                "other/Thing.class")) {
            Path path = folder.resolve(file);
            Files.createDirectories(path.getParent());
            Files.write(path, new byte[0]);
        }

        // When
        List<String> names = ClassPreload.inFolder(folder);

        // Then
        assertThat(names).containsExactlyInAnyOrder("aftershock.verdict.Outcome", "aftershock.run.Load$1");
    }

    @Test
    void loadsTheClassesItCanAndSkipsTheOnesItCannot() {
        int loaded = ClassPreload.load(List.of("aftershock.verdict.Outcome", "aftershock.no.SuchClass"),
                getClass().getClassLoader());

        assertThat(loaded).isEqualTo(1);
    }

    @Test
    void loadsEveryClassOfTheRunnerFromItsFolder() {
        assertThat(ClassPreload.runner()).isGreaterThan(100);
    }
}
