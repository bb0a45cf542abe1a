package aftershock.build;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enforcer rules of pom.xml (execution {@code clean-classpath}), run by a real {@code mvn validate} on a small
 * project in a temp folder: a second Netty line in test scope fails the build by name, one line passes.
 * Offline when ~/.m2 already holds what it needs, otherwise online.
 */
class EnforcerTest {

    private static final String NETTY_4_1 = "4.1.137.Final";

    private static String rules;
    private static String enforcerVersion;
    private static String extraRulesVersion;
    private static String nettyVersion;

    @TempDir
    Path project;

    @BeforeAll
    static void readTheProjectsRules() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String execution = between(pom, "<id>clean-classpath</id>", "</execution>");
        rules = "<rules>" + between(execution, "<rules>", "</rules>") + "</rules>";
        enforcerVersion = property(pom, "maven-enforcer-plugin.version");
        extraRulesVersion = property(pom, "extra-enforcer-rules.version");
        nettyVersion = property(pom, "netty.version");
    }

    @Test
    void aSecondNettyLineFailsValidateNamingTheConflictingArtifacts() throws Exception {
        writePom(dependency("netty-codec", NETTY_4_1), dependency("netty-handler", nettyVersion));

        Validate validate = validate();

        assertThat(validate.status()).as(validate.output()).isNotZero();
        assertThat(validate.output())
                .contains("Dependency convergence error for io.netty:netty-common")
                .contains("io.netty:netty-codec:jar:" + NETTY_4_1)
                .contains("Duplicate classes found");
    }

    @Test
    void oneNettyLinePassesValidate() throws Exception {
        writePom(dependency("netty-handler", nettyVersion));

        Validate validate = validate();

        assertThat(validate.status()).as(validate.output()).isZero();
    }

    private void writePom(String... dependencies) throws IOException {
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>aftershock.test</groupId>
                  <artifactId>enforcer-probe</artifactId>
                  <version>1</version>
                  <dependencies>
                %s
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-enforcer-plugin</artifactId>
                        <version>%s</version>
                        <dependencies>
                          <dependency>
                            <groupId>org.codehaus.mojo</groupId>
                            <artifactId>extra-enforcer-rules</artifactId>
                            <version>%s</version>
                          </dependency>
                        </dependencies>
                        <executions>
                          <execution>
                            <id>clean-classpath</id>
                            <phase>validate</phase>
                            <goals><goal>enforce</goal></goals>
                            <configuration>
                              %s
                            </configuration>
                          </execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(String.join("\n", dependencies), enforcerVersion, extraRulesVersion, rules));
    }

    private static String dependency(String nettyArtifact, String version) {
        return """
                    <dependency>
                      <groupId>io.netty</groupId>
                      <artifactId>%s</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>""".formatted(nettyArtifact, version);
    }

    /** Offline first; online only when the local repository lacks an artifact or plugin. */
    private Validate validate() throws IOException, InterruptedException {
        Validate offline = mvn("-o");
        if (offline.status() != 0 && offline.output().contains("in offline mode")) {
            return mvn();
        }
        return offline;
    }

    private Validate mvn(String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
        command.addAll(List.of(extra));
        command.add("validate");
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("mvn validate finished within 120 s").isTrue();
        return new Validate(process.exitValue(), output);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("pom.xml contains " + start).isNotNegative();
        int to = text.indexOf(end, from + start.length());
        assertThat(to).as("pom.xml contains " + end + " after " + start).isPositive();
        return text.substring(from + start.length(), to);
    }

    private static String property(String pom, String name) {
        return between(pom, "<" + name + ">", "</" + name + ">").trim();
    }

    private record Validate(int status, String output) {
    }
}
