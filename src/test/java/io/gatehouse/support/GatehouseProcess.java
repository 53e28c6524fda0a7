package io.gatehouse.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar as a separate process, as an operator runs it: started in a working directory of its own (its
 * H2 file database lives there, so a restart in the same directory finds what the killed process stored), and
 * stopped hard (SIGKILL) or gracefully (SIGTERM).
 */
public final class GatehouseProcess {

    private final Path workDir;
    private final int port;
    private final List<String> arguments;
    private final boolean testSecrets;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;

    public GatehouseProcess(Path workDir, List<String> arguments) {
        this(workDir, arguments, true);
    }

    /** @param testSecrets false to leave the secrets to the configuration (e.g. the demo profile's own) */
    public GatehouseProcess(Path workDir, List<String> arguments, boolean testSecrets) {
        this.workDir = workDir;
        this.port = freePort();
        this.arguments = List.copyOf(arguments);
        this.testSecrets = testSecrets;
    }

    public int port() {
        return port;
    }

    /** Adds variables to the environment the jar starts in, as an operator's shell or container would set them. */
    public GatehouseProcess environment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    public Path log() {
        return workDir.resolve("gatehouse.log");
    }

    /**
     * Starts the jar and waits until it is ready (readiness UP). About 10 s on an idle 2-core machine; the wait is
     * generous because a loaded CI machine has been seen taking 90 s.
     */
    public GatehouseProcess start() {
        launch();
        return awaitReady();
    }

    /** Starts the jar and returns at once, before it answers anything. */
    public GatehouseProcess launch() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                jar().getAbsolutePath(),
                "--server.port=" + port));
        if (testSecrets) {
            command.addAll(List.of(
                    "--gatehouse.vendors.seam.secret=" + SignedWebhooks.SEAM_SECRET,
                    "--gatehouse.vendors.verkada.secret=" + SignedWebhooks.VERKADA_SECRET,
                    "--gatehouse.vendors.tedee.secret=" + SignedWebhooks.TEDEE_TOKEN,
                    "--gatehouse.api.token=" + SignedWebhooks.API_TOKEN));
        }
        command.addAll(arguments);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        return this;
    }

    /** Waits until the launched jar is ready (readiness UP); fails if it exits first. */
    public GatehouseProcess awaitReady() {
        SignedWebhooks probe = new SignedWebhooks(port);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("Gatehouse exited at start-up; see " + log());
                    }
                    return probe.get("/actuator/health/readiness", null).statusCode() == 200;
                });
        return this;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, as an orchestrator stops a container; returns the exit code, or -1 if it did not exit in time. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Waits for the process to exit on its own; returns the exit code, or -1 if it did not exit in time. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private static File jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("gatehouse-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("run through mvn verify: no jar in target"))
                    .toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
