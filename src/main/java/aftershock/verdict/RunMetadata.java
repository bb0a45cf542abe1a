package aftershock.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a run came from, written into its {@code summary.json}: the code, the machine, and what was loaded.
 * Two runs of one simulation are <em>alike</em> when their scale, target and topology agree; every other
 * difference (commit, JVM, machine, configuration) is listed beside a comparison, never hidden.
 *
 * <pre>
 *   RunMetadata before = baseline.metadata();
 *   before.unlike(current.metadata());        // [] when the two runs can be measured against each other
 *   before.otherDifferences(current.metadata()); // ["git commit 1a2b3c4 vs 5d6e7f8", "JVM 17.0.9 vs 17.0.12"]
 * </pre>
 *
 * @param gitCommit          the commit the runner was built from, or null when it is not a git checkout
 * @param gitBranch          its branch, or null
 * @param jvm                vendor and version of the JVM that ran the load, and its compiler when it is not
 *                           HotSpot's default ("(C1 only)")
 * @param os                 operating system name, version and architecture
 * @param cores              processors available to the JVM
 * @param loadAverageAtStart the machine's one-minute load average before the load, or null where the OS has none
 * @param scale              the {@code -Dscale} factor
 * @param target             "built-in target", or the BASE_URL without user, password, query or fragment
 * @param topology           how the load reached the system
 * @param configurationHash  a SHA-256 of the effective configuration, secrets left out
 * @param trigger            what started the run: GitHub's event ("schedule", "workflow_dispatch", "push") or
 *                           "by hand"; only scheduled runs become a nightly's baseline
 */
public record RunMetadata(String gitCommit, String gitBranch, String jvm, String os, int cores,
                          Double loadAverageAtStart, double scale, String target, Topology topology,
                          String configurationHash, String trigger) {

    /** What a scheduled nightly run reads as its trigger. */
    public static final String SCHEDULED = "schedule";
    /** A run started outside GitHub Actions. */
    public static final String BY_HAND = "by hand";

    /**
     * How the load reached the system.
     *
     * @param replicas  replicas behind the target, or null when not known (your own system without replica-urls)
     * @param injectors load generators sending the load together
     * @param frontDoor "replicas directly" when the load goes to each replica's own address, else "one address"
     */
    public record Topology(Integer replicas, int injectors, String frontDoor) {
    }

    /** The same metadata with another count of injectors (a distributed run). */
    public RunMetadata withInjectors(int injectorCount) {
        return new RunMetadata(gitCommit, gitBranch, jvm, os, cores, loadAverageAtStart, scale, target,
                new Topology(topology.replicas(), injectorCount, topology.frontDoor()), configurationHash, trigger);
    }

    /** What makes the two runs not alike: another scale, target or topology. Empty when they are alike. */
    public List<String> unlike(RunMetadata other) {
        List<String> differences = new ArrayList<>();
        if (Math.abs(scale - other.scale) > 1e-9) {
            differences.add("scale " + number(scale) + " vs " + number(other.scale));
        }
        differ(differences, "target", target, other.target);
        if (!Objects.equals(topology, other.topology)) {
            differences.add("topology " + describe(topology) + " vs " + describe(other.topology));
        }
        return differences;
    }

    /** Differences that leave the runs alike, and that a reader should still see: code, JVM, machine, settings. */
    public List<String> otherDifferences(RunMetadata other) {
        List<String> differences = new ArrayList<>();
        differ(differences, "git commit", shortCommit(gitCommit), shortCommit(other.gitCommit));
        differ(differences, "branch", gitBranch, other.gitBranch);
        differ(differences, "JVM", jvm, other.jvm);
        differ(differences, "OS", os, other.os);
        if (cores != other.cores) {
            differences.add("cores " + cores + " vs " + other.cores);
        }
        differ(differences, "configuration", shortHash(configurationHash), shortHash(other.configurationHash));
        return differences;
    }

    private static void differ(List<String> differences, String what, String mine, String theirs) {
        if (!Objects.equals(mine, theirs)) {
            differences.add(what + " " + (mine == null ? "unknown" : mine) + " vs " + (theirs == null ? "unknown" : theirs));
        }
    }

    private static String describe(Topology topology) {
        if (topology == null) {
            return "unknown";
        }
        return (topology.replicas() == null ? "? replicas" : topology.replicas() + " replicas") + ", "
                + topology.injectors() + " injector" + (topology.injectors() == 1 ? "" : "s") + ", " + topology.frontDoor();
    }

    private static String shortCommit(String commit) {
        return commit == null ? null : commit.substring(0, Math.min(12, commit.length()));
    }

    private static String shortHash(String hash) {
        return hash == null ? null : hash.substring(0, Math.min("sha256:".length() + 12, hash.length()));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
