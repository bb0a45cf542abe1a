package aftershock.supervisor;

import aftershock.process.LocalPorts;
import aftershock.process.ProcessLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the `java ... aftershock.builtin.TargetServer` command of a replica and waits for its /health. */
final class ReplicaLauncher {

    static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String java;
    private final String classpath;
    private final Path signingKeyFile;

    ReplicaLauncher(Path signingKeyFile) {
        this.java = ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        this.classpath = System.getProperty("java.class.path");
        this.signingKeyFile = signingKeyFile;
    }

    List<String> command(ReplicaCommand config) {
        List<String> command = new ArrayList<>(List.of(java,
                "-Xms64m", "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Dsun.net.httpserver.nodelay=true",
                "-cp", classpath, ReplicaCommand.MAIN_CLASS));
        command.addAll(config.arguments());
        command.add("--signing-key-file=" + signingKeyFile);
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
     * Waits until GET /health answers 200; throws with the log tail if the process dies or the time runs out, and
     * IllegalArgumentException with the program's own one line when it refused an argument.
     */
    static void awaitHealthy(Replica replica, Process process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                if (process.exitValue() == ReplicaCommand.BAD_ARGUMENT_EXIT) {
                    throw new IllegalArgumentException(ProcessLogs.tail(replica.logFile(), 1).strip());
                }
                String tail = ProcessLogs.tail(replica.logFile(), 20);
                String hint = tail.contains("already in use") ? "port " + replica.port() + " is already in use: free it or set"
                        + " aftershock.built-in.first-port (0 picks free ports). " : "";
                throw new IllegalStateException(hint + replica.id() + " (pid " + process.pid() + ") exited with code "
                        + process.exitValue() + " before answering /health; last lines of " + replica.logFile() + ":\n" + tail);
            }
            if (isHealthy(replica.url())) {
                return;
            }
            sleepMillis(100);
        }
        throw new IllegalStateException(replica.id() + " (pid " + process.pid() + ") did not answer " + replica.url()
                + "/health within " + timeout.toSeconds() + " s; last lines of " + replica.logFile() + ":\n"
                + ProcessLogs.tail(replica.logFile(), 20));
    }

    /** True when GET url/health answers 200 within 500 ms. */
    static boolean isHealthy(URI url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofMillis(500)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a replica", e);
        }
    }
}
