package aftershock.platform;

import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.config.Settings;
import aftershock.system.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's docker compose example is a configuration Aftershock accepts, and plans the commands it shows. */
class ComposeExampleTest {

    @TempDir
    Path dir;

    @Test
    void theReadmesComposeFilePlansRedisKillWithItsOwnCommands() throws Exception {
        // Given the compose.conf block of the README
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("# compose.conf");
        String block = readme.substring(start, readme.indexOf("```", start));
        Path file = Files.writeString(dir.resolve("compose.conf"), block);
        Properties properties = new Properties();
        properties.setProperty("aftershock.config", file.toString());

        // When
        Settings root = Settings.load(properties);
        Target target = Target.start(root, Target.Needs.STANDALONE);
        PlannedFault redisKill = Platforms.choose(root, target, new Http(Duration.ofSeconds(1)),
                TargetPaths.from(root.section("target").section("paths"))).redisKill();

        // Then
        assertThat(root.section("target").section("auth").string("mode")).isEqualTo("cookie");
        assertThat(redisKill.fault().describe()).isEqualTo("run `docker compose kill redis`, restore with `docker compose"
                + " start redis`, evidence from `test -z \"$(docker compose ps -q --status running redis)\"`");
    }
}
