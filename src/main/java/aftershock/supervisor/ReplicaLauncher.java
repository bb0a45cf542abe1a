package aftershock.supervisor;

import aftershock.client.Credentials;
import aftershock.client.Http;
import aftershock.process.LocalPorts;
import aftershock.process.ProcessLogs;
import aftershock.waiting.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the `java ... aftershock.builtin.TargetServer` command of a replica and waits for its /health. */
final class ReplicaLauncher {

    static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Http HEALTH = new Http(Duration.ofMillis(500));

    private final String java;
    private final String classpath;
    private final Path signingKeyFile;
    private final Path oidcKeyFile;
    private final List<String> jvmOptions;

    ReplicaLauncher(Path signingKeyFile) {
        this(signingKeyFile, null, List.of());
    }

    /**
     * @param oidcKeyFile the OAuth2 issuer's RSA key shared by the replicas, or null to let each make its own
     * @param jvmOptions  extra JVM options, after the launcher's own so that they win
     */
    ReplicaLauncher(Path signingKeyFile, Path oidcKeyFile, List<String> jvmOptions) {
        this.java = ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        this.classpath = System.getProperty("java.class.path");
        this.signingKeyFile = signingKeyFile;
        this.oidcKeyFile = oidcKeyFile;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    List<String> command(ReplicaCommand config) {
        List<String> command = new ArrayList<>(List.of(java,
                "-Xms64m", "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Dsun.net.httpserver.nodelay=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, ReplicaCommand.MAIN_CLASS));
        command.addAll(config.arguments());
        command.add("--signing-key-file=" + signingKeyFile);
        if (oidcKeyFile != null) {
            command.add("--oidc-key-file=" + oidcKeyFile);
        }
        return command;
    }

    Process launch(ReplicaCommand config, Path logFile) {
        LocalPorts.requireFree(config.port(), "aftershock.built-in.first-port (or 0 for free ports)");
        try {
            Files.createDirectories(logFile.getParent());
            return new ProcessBuilder(command(config)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start replica " + config.replicaId() + " with " + java, e);
        }
    }

    /**
     * Waits until GET /health answers 200, polling every 100 ms; throws at once with the log tail if the process
     * dies, IllegalArgumentException with the program's own one line when it refused an argument, and
     * {@link aftershock.waiting.WaitTimeoutException} with the last answer and the log tail when the time runs out.
     */
    static void awaitHealthy(Replica replica, Process process, Duration timeout) {
        URI health = replica.url().resolve("/health");
        Wait.forValue(replica.id() + " (pid " + process.pid() + ") to answer 200 at " + health,
                        () -> HEALTH.get(health, Credentials.NONE), answer -> answer.status() == 200)
                .seenAs(ReplicaLauncher::describe)
                .atMost(timeout)
                .pollInterval(POLL_INTERVAL)
                .failFast(() -> refuseIfExited(replica, process))
                .onTimeout(() -> ProcessLogs.endOf(replica.logFile(), 20))
                .await();
    }

    private static void refuseIfExited(Replica replica, Process process) {
        if (process.isAlive()) {
            return;
        }
        if (process.exitValue() == ReplicaCommand.BAD_ARGUMENT_EXIT) {
            throw new IllegalArgumentException(ProcessLogs.tail(replica.logFile(), 1).strip());
        }
        String tail = ProcessLogs.tail(replica.logFile(), 20);
        String hint = tail.contains("already in use") ? "port " + replica.port() + " is already in use: free it or set"
                + " aftershock.built-in.first-port (0 picks free ports). " : "";
        throw new IllegalStateException(hint + replica.id() + " (pid " + process.pid() + ") exited with code "
                + process.exitValue() + " before answering /health; last lines of " + replica.logFile() + ":\n" + tail);
    }

    private static String describe(Http.Answer answer) {
        return answer.failure() != null ? answer.failure() : "HTTP " + answer.status();
    }

    /** True when GET url/health answers 200 within 500 ms. */
    static boolean isHealthy(URI url) {
        return HEALTH.get(url.resolve("/health"), Credentials.NONE).status() == 200;
    }
}
