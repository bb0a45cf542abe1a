package aftershock.process;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place where Aftershock kills a process. Handed to whoever needs to kill, so a test can
 * record the call instead of killing.
 *
 * <pre>
 *   ProcessKiller killer = ProcessKiller.sigkill();
 *   killer.kill(ProcessHandle.of(pid).orElseThrow());   // SIGKILL, returns once the process is gone
 * </pre>
 */
@FunctionalInterface
public interface ProcessKiller {

    /** Kills the process and returns once it has exited. */
    void kill(ProcessHandle process);

    /** SIGKILL via {@link ProcessHandle#destroyForcibly()}, waiting up to 10 s for the exit. */
    static ProcessKiller sigkill() {
        return process -> {
            if (!process.isAlive()) {
                return;
            }
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
        };
    }

    /** Waits until the process has exited; throws IllegalStateException if it is still alive after the timeout. */
    static void awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pid " + process.pid() + " to exit", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("pid " + process.pid() + " is still alive " + timeout.toMillis()
                    + " ms after it was killed: check it with `ps -p " + process.pid() + "`", e);
        }
    }
}
