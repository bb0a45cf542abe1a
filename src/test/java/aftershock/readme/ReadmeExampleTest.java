package aftershock.readme;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class ReadmeExampleTest {

    @Test
    void theReadmePrintsTheWholeSimulationFileAsItIs() throws Exception {
        // Given the README's example and the simulation the end-to-end test runs
        ReadmeExample example = ReadmeExample.read();
        String file = Files.readString(ReadmeExample.SIMULATION);

        // Then the README prints that file, every line of it
        assertThat(example.code()).isEqualTo(file);
    }

    @Test
    void theReadmesCommandRunsThatSimulation() throws Exception {
        ReadmeExample example = ReadmeExample.read();

        assertThat(example.properties()).containsExactly("simulation=CartUnderRedisOutage");
    }
}
