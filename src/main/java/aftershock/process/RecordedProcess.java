package aftershock.process;

import java.time.Instant;

/**
 * A process Aftershock started, as written to the leftover registry.
 *
 * @param pid              the process id
 * @param startedAt        its start instant as the OS reports it; guards against PID reuse
 * @param command          the command line, for humans
 * @param ownerPid         the JVM that started it
 * @param ownerStartedAt   that JVM's start instant
 */
public record RecordedProcess(long pid, Instant startedAt, String command, long ownerPid, Instant ownerStartedAt) {

    /** Describes a live process started by the current JVM. */
    public static RecordedProcess of(ProcessHandle process, String command) {
        ProcessHandle self = ProcessHandle.current();
        return new RecordedProcess(process.pid(), startInstant(process), command, self.pid(), startInstant(self));
    }

    /** True when a live process with this pid exists and started at the recorded instant. */
    public boolean runsWithRecordedStartInstant() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> startedAt.equals(startInstant(p))).orElse(false);
    }

    /** True when the JVM that started this process is still running (then it is not a leftover). */
    public boolean ownerRuns() {
        return ProcessHandle.of(ownerPid).filter(ProcessHandle::isAlive)
                .map(p -> ownerStartedAt.equals(startInstant(p))).orElse(false);
    }

    static Instant startInstant(ProcessHandle process) {
        return process.info().startInstant().orElse(Instant.EPOCH);
    }
}
