package aftershock.chaos;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake fault for tests: records which methods were called and can run a check inside inject() or fail. */
final class RecordingFault implements Fault {

    private final String name;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private Runnable duringInject = () -> { };
    private RuntimeException injectFailure;
    private RuntimeException restoreFailure;
    private volatile boolean active;
    private volatile Function<Instant, FaultEvidence> evidence;
    private volatile Instant injectedAt;

    RecordingFault(String name) {
        this.name = name;
    }

    RecordingFault duringInject(Runnable check) {
        this.duringInject = check;
        return this;
    }

    RecordingFault failingInject(RuntimeException failure) {
        this.injectFailure = failure;
        return this;
    }

    RecordingFault failingRestore(RuntimeException failure) {
        this.restoreFailure = failure;
        return this;
    }

    /** Evidence to report after inject(); by default "break NAME done", observed. */
    RecordingFault withEvidence(FaultEvidence reported) {
        return withEvidence(injectedAt -> reported);
    }

    /** Evidence made from the instant inject() ran. */
    RecordingFault withEvidence(Function<Instant, FaultEvidence> reported) {
        this.evidence = reported;
        return this;
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "break " + name;
    }

    @Override
    public void inject() {
        calls.add("inject");
        duringInject.run();
        if (injectFailure != null) {
            throw injectFailure;
        }
        active = true;
        injectedAt = Instant.now();
    }

    @Override
    public void restore() {
        calls.add("restore");
        if (restoreFailure != null) {
            throw restoreFailure;
        }
        active = false;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public FaultEvidence evidence() {
        Instant at = injectedAt;
        if (at == null) {
            return FaultEvidence.notObserved(name + " was not injected");
        }
        return evidence != null ? evidence.apply(at) : FaultEvidence.observed("break " + name + " done");
    }
}
