package aftershock.verdict;

import aftershock.verdict.RunMetadata.Topology;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunMetadataTest {

    private static final RunMetadata NIGHT = new RunMetadata("1a2b3c4d5e6f7a8b", "main", "Eclipse Adoptium 17.0.9",
            "Linux 6.1 amd64", 4, 0.5, 0.1, "built-in target", new Topology(2, 1, "replicas directly"), "sha256:abc", "schedule");

    @Test
    void runsAtTheSameScaleTargetAndTopologyAreAlikeWhateverTheirCommitAndMachine() {
        // Given the next night on another commit and another JVM
        RunMetadata next = new RunMetadata("9f8e7d6c5b4a3f2e", "main", "Eclipse Adoptium 17.0.12", "Linux 6.1 amd64", 2,
                3.2, 0.1, "built-in target", new Topology(2, 1, "replicas directly"), "sha256:abc", "schedule");

        // Then they are alike, and the differences are listed
        assertThat(NIGHT.unlike(next)).isEmpty();
        assertThat(NIGHT.otherDifferences(next)).containsExactly("git commit 1a2b3c4d5e6f vs 9f8e7d6c5b4a",
                "JVM Eclipse Adoptium 17.0.9 vs Eclipse Adoptium 17.0.12", "cores 4 vs 2");
    }

    @Test
    void anotherScaleTargetOrTopologyMakesRunsUnlike() {
        // Given a hand run at another scale, against another system, with three injectors
        RunMetadata byHand = new RunMetadata("1a2b3c4d5e6f7a8b", "main", "Eclipse Adoptium 17.0.9", "Linux 6.1 amd64", 4,
                0.5, 1, "https://staging.example.com/api", new Topology(null, 1, "one address"), "sha256:abc", "schedule")
                .withInjectors(3);

        // Then each difference is named
        assertThat(NIGHT.unlike(byHand)).containsExactly("scale 0.1 vs 1",
                "target built-in target vs https://staging.example.com/api",
                "topology 2 replicas, 1 injector, replicas directly vs ? replicas, 3 injectors, one address");
    }
}
