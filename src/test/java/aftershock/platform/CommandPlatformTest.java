package aftershock.platform;

import aftershock.chaos.DryRun;
import aftershock.chaos.RestoreRecipe;
import aftershock.client.Http;
import aftershock.client.TargetPaths;
import aftershock.config.ConfigurationException;
import aftershock.config.Settings;
import aftershock.system.Target;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** platform = command fires exactly the configured commands on the user's own system, and refuses a half-configured fault. */
class CommandPlatformTest {

    private static final Http HTTP = new Http(Duration.ofSeconds(1));

    @Test
    void aRedisKillRunsTheConfiguredCommandsAndItsRecipeIsTheRestoreCommand() {
        // Given a docker compose user's redis-kill
        Settings root = settings("aftershock.command.redis-kill.inject", "docker compose kill redis",
                "aftershock.command.redis-kill.restore", "docker compose start redis",
                "aftershock.command.redis-kill.check", "test -z \"$(docker compose ps -q --status running redis)\"");
        Platform platform = Platforms.choose(root, usersOwn(root), HTTP, paths(root));

        // When
        PlannedFault redisKill = platform.redisKill();

        // Then
        assertThat(redisKill.label()).isEqualTo("redis-kill");
        assertThat(redisKill.fault().describe()).isEqualTo("run `docker compose kill redis`, restore with `docker"
                + " compose start redis`, evidence from `test -z \"$(docker compose ps -q --status running redis)\"`");
        assertThat(redisKill.recipe()).isEqualTo(new RestoreRecipe.RunCommand("docker compose start redis", 30_000));
    }

    @Test
    void aDryRunPrintsTheCommandsAndRunsNone() {
        // Given a command that would leave a mark if it ran
        Settings root = settings("aftershock.command.pod-kill.inject", "touch target/should-never-exist",
                "aftershock.command.pod-kill.check", "true");
        PlannedFault podKill = Platforms.choose(root, usersOwn(root), HTTP, paths(root)).podKills(Platform.KillPlan.EACH).get(0);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DryRun dryRun = new DryRun(podKill.fault(), new PrintStream(console, true, StandardCharsets.UTF_8));

        // When
        dryRun.inject();
        dryRun.restore();

        // Then
        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("dry run: would run `touch target/should-never-exist`,"
                + " no restore (heals on its own), evidence from `true`" + System.lineSeparator()
                + "dry run: would restore pod-kill" + System.lineSeparator());
        assertThat(new java.io.File("target/should-never-exist")).doesNotExist();
    }

    @Test
    void aFaultWithoutItsCheckIsRefusedBeforeAnyLoad() {
        // Given an inject without a check
        Settings root = settings("aftershock.command.redis-kill.inject", "systemctl kill redis");
        Platform platform = Platforms.choose(root, usersOwn(root), HTTP, paths(root));

        // When / Then
        assertThatThrownBy(platform::redisKill)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("aftershock.command.redis-kill.check is empty: aftershock.platform = command runs"
                        + " your own commands for redis-kill");
    }

    @Test
    void eachReplicaAddressIsProbedAfterTheFault() {
        // Given two replica addresses behind BASE_URL, neither listening
        Settings root = settings("aftershock.target.replica-urls", "http://127.0.0.1:1, http://127.0.0.1:2/",
                "aftershock.command.redis-failover.inject", "true", "aftershock.command.redis-failover.check", "true");
        Target target = usersOwn(root);

        // When
        PlannedFault failover = Platforms.choose(root, target, HTTP, paths(root)).redisFailover();

        // Then
        assertThat(Platforms.choose(root, target, HTTP, paths(root)).describe())
                .isEqualTo("your own commands (aftershock.command), probed on [http://127.0.0.1:1/, http://127.0.0.1:2/]");
        assertThat(failover.probe().check()).isFalse();
    }

    private static Target usersOwn(Settings root) {
        return Target.start(root, Target.Needs.STANDALONE);
    }

    private static Settings settings(String... keysAndValues) {
        Properties properties = new Properties();
        properties.setProperty("aftershock.target.base-url", "http://127.0.0.1:3001");
        properties.setProperty("aftershock.platform", "command");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.load(properties);
    }

    private static TargetPaths paths(Settings root) {
        return TargetPaths.from(root.section("target").section("paths"));
    }
}
