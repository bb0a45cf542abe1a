package aftershock.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aftershock.builtin.Defect;
import aftershock.builtin.TargetConfig;
import aftershock.builtin.TargetServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

/** The supervisor starts the built-in program by name and command line: both sides must agree. */
class ReplicaCommandTest {

    @Test
    void theMainClassNamedByTheSupervisorIsTheBuiltInProgram() {
        assertThat(ReplicaCommand.MAIN_CLASS).isEqualTo(TargetServer.class.getName());
        assertThat(ReplicaCommand.BAD_ARGUMENT_EXIT).isEqualTo(TargetServer.BAD_ARGUMENT_EXIT);
    }

    @Test
    void theBuiltInProgramReadsBackEveryArgumentTheSupervisorWrites() {
        // Given a Sentinel-mode replica command with two defects and a restart count
        ReplicaCommand command = new ReplicaCommand(18081, "replica-1", null,
                List.of(new HostAndPort("127.0.0.1", 26379), new HostAndPort("127.0.0.1", 26380)), "mymaster",
                "root", "s3cret", List.of("no-fallback", "slow-restart"), Duration.ofMillis(1500), 2, 8,
                Instant.ofEpochMilli(1_700_000_000_123L));

        // When the built-in program parses the arguments
        TargetConfig config = TargetConfig.from(command.arguments().toArray(String[]::new), new Properties());

        // Then it sees what the supervisor meant
        assertThat(config.port()).isEqualTo(18081);
        assertThat(config.replicaId()).isEqualTo("replica-1");
        assertThat(config.redis()).isNull();
        assertThat(config.sentinels()).containsExactly(new HostAndPort("127.0.0.1", 26379), new HostAndPort("127.0.0.1", 26380));
        assertThat(config.masterName()).isEqualTo("mymaster");
        assertThat(config.adminUsername()).isEqualTo("root");
        assertThat(config.adminPassword()).isEqualTo("s3cret");
        assertThat(config.defects()).containsExactlyInAnyOrder(Defect.NO_FALLBACK, Defect.SLOW_RESTART);
        assertThat(config.slowRestart()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.restartCount()).isEqualTo(2);
        assertThat(config.watchParent()).isTrue();
        assertThat(config.threads()).isEqualTo(8);
        assertThat(config.killedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void anUnknownDefectIsRefusedByTheProgramWithTheKnownNames() {
        ReplicaCommand command = new ReplicaCommand(18081, "replica-0", new HostAndPort("127.0.0.1", 6390), List.of(),
                "aftershock", "admin", "admin123", List.of("no-fallbak"), Duration.ZERO, 0, 8, null);

        assertThatThrownBy(() -> TargetConfig.from(command.arguments().toArray(String[]::new), new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown defect 'no-fallbak'")
                .hasMessageContaining("no-fallback, memory-sessions, slow-restart, login-failures, refresh-failures");
    }
}
