package aftershock.chaos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aftershock.chaos.FaultException;
import aftershock.process.LeftoverProcesses;
import aftershock.process.ProcessKiller;
import aftershock.redis.RedisProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisKillTest {

    @TempDir
    Path dir;

    @Test
    void killsThroughTheSeamAndRestoresOnTheSamePortIdempotently() {
        // Given a Redis whose kill seam records what it kills
        List<Long> killed = new ArrayList<>();
        ProcessKiller recording = process -> {
            killed.add(process.pid());
            ProcessKiller.sigkill().kill(process);
        };
        LeftoverProcesses leftovers = new LeftoverProcesses(dir.resolve("processes.json"), ProcessKiller.sigkill());
        try (RedisProcess redis = RedisProcess.standalone(0, dir, recording, leftovers).start()) {
            RedisKill fault = new RedisKill(redis);
            long pid = redis.pid();
            assertThat(fault.name()).isEqualTo("redis-kill");
            assertThat(fault.describe()).isEqualTo("SIGKILL redis-server pid " + pid + " (127.0.0.1:" + redis.port() + ")");

            // When restored without injection, then injected
            fault.restore();
            fault.inject();

            // Then exactly that pid was killed, and a second inject says why it cannot
            assertThat(killed).containsExactly(pid);
            assertThat(fault.isActive()).isTrue();
            assertThatThrownBy(fault::inject).isInstanceOf(FaultException.class).hasMessageContaining("is not running");

            // When restored twice
            fault.restore();
            fault.restore();

            // Then Redis answers again on the same port, once
            assertThat(redis.answersPing()).isTrue();
            assertThat(redis.pid()).isNotEqualTo(pid);
            assertThat(fault.isActive()).isFalse();
        }
    }
}
