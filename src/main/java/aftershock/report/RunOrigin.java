package aftershock.report;

import aftershock.config.Settings;
import aftershock.system.BuiltInTarget;
import aftershock.system.Target;
import aftershock.verdict.RunMetadata;
import aftershock.verdict.RunMetadata.Topology;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads where a run comes from, before its load: the git commit and branch (GITHUB_SHA and GITHUB_REF_NAME in
 * GitHub Actions, else {@code git rev-parse}), the JVM, the OS, its cores and load average, and the target without
 * credentials, and what
 * started it (GITHUB_EVENT_NAME: a scheduled nightly is "schedule").
 *
 * <pre>
 *   RunMetadata metadata = RunOrigin.capture(settings, target, System.getenv());
 *   summary.withMetadata(metadata);
 * </pre>
 */
public final class RunOrigin {

    static final String DIRECT = "replicas directly";
    static final String ONE_ADDRESS = "one address";
    private static final long GIT_TIMEOUT_MILLIS = 3000;

    private RunOrigin() {
    }

    /** Everything in {@link RunMetadata}, read now: call it before the load, so the load average is the machine's own. */
    public static RunMetadata capture(Settings settings, Target target, Map<String, String> environment) {
        Runtime runtime = Runtime.getRuntime();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String commit = environment.getOrDefault("GITHUB_SHA", git("rev-parse", "HEAD"));
        String branch = environment.getOrDefault("GITHUB_REF_NAME", git("rev-parse", "--abbrev-ref", "HEAD"));
        Topology topology = target.isBuiltIn()
                ? new Topology(target.baseUrls().size(), 1, DIRECT)
                : new Topology(replicaUrls(settings), 1, ONE_ADDRESS);
        return new RunMetadata(commit, branch,
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + compiler(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                runtime.availableProcessors(), load < 0 ? null : Math.round(load * 100) / 100.0, settings.scale(),
                target.isBuiltIn() ? BuiltInTarget.DESCRIBED_AS : withoutCredentials(target.baseUrls().get(0)),
                topology, settings.fingerprint(), environment.getOrDefault("GITHUB_EVENT_NAME", RunMetadata.BY_HAND));
    }

    /**
     * How this JVM compiles, when it is not HotSpot's default: the load generator's JIT (pom.xml's
     * {@code generator.jit}) changes what it holds, so two runs that differ in it say so beside their comparison.
     */
    private static String compiler() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotSpot == null) {
            return "";
        }
        try {
            return compiler(Boolean.parseBoolean(hotSpot.getVMOption("TieredCompilation").getValue()),
                    Integer.parseInt(hotSpot.getVMOption("TieredStopAtLevel").getValue()));
        } catch (IllegalArgumentException e) {
            return "";   // not HotSpot's options
        }
    }

    /** " (C1 only)" for tiers stopping at 1 to 3, " (C2 only)" without tiers, "" for HotSpot's default (tier 4). */
    static String compiler(boolean tiered, int stopAtLevel) {
        if (!tiered) {
            return " (C2 only)";
        }
        if (stopAtLevel <= 0) {
            return " (interpreter only)";
        }
        return stopAtLevel < 4 ? " (C1 only)" : "";
    }

    /** The URL as a reader may see it: no user, password, query or fragment (a token may ride in any of them). */
    static String withoutCredentials(URI url) {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return url.getScheme() + "://" + url.getHost() + port + path;
    }

    private static Integer replicaUrls(Settings settings) {
        List<String> replicas = Arrays.stream(settings.section("target").string("replica-urls").split(","))
                .filter(url -> !url.isBlank()).toList();
        return replicas.isEmpty() ? null : replicas.size();
    }

    /** One line of git's answer, or null outside a checkout or without git. */
    private static String git(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "git";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        try {
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(GIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                git.destroyForcibly();
                return null;
            }
            return git.exitValue() == 0 && !answer.isEmpty() ? answer : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
