package aftershock.probes;

/** One yes/no look at the system: "does /health answer 200 now?". Must return within its own timeout. */
public interface Probe {

    /** What is probed, for reports: "GET http://127.0.0.1:8081/health". */
    String describe();

    /** True when the system looks healthy right now. Never throws. */
    boolean check();
}
