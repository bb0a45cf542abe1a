package aftershock.process;

import aftershock.waiting.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The one place where Aftershock pauses and resumes a process (SIGSTOP, SIGCONT), by pid. Handed to whoever needs it,
 * so a test can record the calls instead of stopping anything.
 *
 * <pre>
 *   ProcessSignals signals = ProcessSignals.kill();
 *   signals.pause(process);    // SIGSTOP; returns once the kernel shows it stopped
 *   signals.resume(process);   // SIGCONT
 * </pre>
 */
public interface ProcessSignals {

    /** Stops the process (SIGSTOP) and returns once it is stopped. */
    void pause(ProcessHandle process);

    /** Lets a stopped process run again (SIGCONT); harmless on a running or exited one. */
    void resume(ProcessHandle process);

    /**
     * Sends the signals with {@code kill -STOP/-CONT <pid>}; on Linux, waits for /proc to show the process stopped.
     * Each pause also starts a small guard ({@code sh}) that sends SIGCONT if this JVM dies before resume() (kill -9,
     * a crash past every hook): a stopped process is never left behind.
     */
    static ProcessSignals kill() {
        return kill(ProcessHandle.current().pid());
    }

    /** The same, its guards watching {@code runnerPid} instead of this JVM (for tests). */
    static ProcessSignals kill(long runnerPid) {
        Map<Long, Process> guards = new ConcurrentHashMap<>();
        return new ProcessSignals() {
            @Override
            public void pause(ProcessHandle process) {
                guards.put(process.pid(), guard(process, runnerPid));
                send("-STOP", process);
                Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
                if (Files.exists(stat)) {
                    Wait.forValue("pid " + process.pid() + " stopped (state T in " + stat + ")", () -> state(stat), s -> s == 'T')
                            .atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).await();
                }
            }

            @Override
            public void resume(ProcessHandle process) {
                if (process.isAlive()) {
                    send("-CONT", process);
                }
                Process guard = guards.remove(process.pid());
                if (guard != null) {
                    guard.destroy();
                }
            }
        };
    }

    private static Process guard(ProcessHandle process, long runnerPid) {
        String script = "while kill -0 " + runnerPid + " 2>/dev/null; do sleep 0.5; done; kill -CONT " + process.pid();
        try {
            return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the guard that resumes pid " + process.pid() + " if this runner dies"
                    + " (sh -c ...): is sh on the PATH? the process was not paused", e);
        }
    }

    private static void send(String signal, ProcessHandle process) {
        String command = "kill " + signal + " " + process.pid();
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("`" + command + "` did not finish within 5 s: check the process with `ps -p "
                        + process.pid() + " -o stat`");
            }
            if (kill.exitValue() != 0 && process.isAlive()) {
                throw new IllegalStateException("`" + command + "` failed (exit " + kill.exitValue() + "): "
                        + new String(kill.getInputStream().readAllBytes()).trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `" + command + "`: is the kill command on the PATH?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running `" + command + "`", e);
        }
    }

    /** The process's state letter from /proc (T: stopped, S: sleeping, R: running), or '?' when unknown. */
    static char state(ProcessHandle process) {
        return state(Path.of("/proc", Long.toString(process.pid()), "stat"));
    }

    private static char state(Path stat) {
        try {
            String line = Files.readString(stat);
            // pid (comm) S ...: the command may hold spaces and parentheses, the state follows the last ')'.
            return line.charAt(line.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return '?';
        }
    }
}
