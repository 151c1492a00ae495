package dev.recoveryorchestrator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One orchestrator node as an operator runs it: a JVM process of its own, started with {@code java} on the
 * application's class path (target/classes and its dependencies, never the test classes), its settings as
 * command-line arguments, its output in a log file. The test kills it as the kernel would ({@link #kill}: SIGKILL)
 * and starts it again with the same settings, so the same port and folders.
 * <p>
 * A node left running when the test JVM ends normally is killed by a shutdown hook.
 */
final class OrchestratorProcess {

    static final String MAIN_CLASS = "dev.recoveryorchestrator.RecoveryOrchestratorApplication";
    /** Exit status of a JVM ended by SIGKILL (128 + 9). */
    static final int KILLED = 137;
    private final String name;
    private final int port;
    private final Path log;
    private final Map<String, String> settings;
    private volatile Process process;

    OrchestratorProcess(String name, int port, Path log, Map<String, String> settings) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.settings = new LinkedHashMap<>(settings);
        this.settings.put("server.port", String.valueOf(port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
        }));
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** Overrides one setting for the next start. */
    void set(String property, String value) {
        settings.put(property, value);
    }

    boolean alive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Starts the JVM and returns at once; its output is appended to {@link #log()}. */
    void start() {
        if (alive()) {
            throw new IllegalStateException(name + " runs already");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-Dfile.encoding=UTF-8", "-cp", applicationClassPath(), MAIN_CLASS));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n===== " + Instant.now() + " start of " + name + " =====\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the node answers its readiness probe with UP; fails at once, with its log's end, when the JVM exits
     * on the way.
     */
    void awaitReady(Duration atMost) throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        TestHttp http = TestHttp.on(port);
        while (Instant.now().isBefore(until)) {
            if (!alive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while starting:\n" + logTail(60));
            }
            try {
                if (http.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // connection refused: the web server is not up yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " was not ready within " + atMost + ":\n" + logTail(60));
    }

    /**
     * SIGKILL, as {@code kill -9} or the OOM killer: no shutdown hook, no clean stop of work or jobs. On Linux,
     * {@link Process#destroyForcibly()} sends SIGKILL; the exit status 137 (128 + 9) returned here shows it did.
     */
    int kill() throws InterruptedException {
        Process running = process;
        running.destroyForcibly();
        return running.waitFor();
    }

    /** Ends the JVM (SIGKILL) if it runs; for clean-up. */
    void stop() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The class path of the application: this test JVM's, without the test classes (whose configurations the
     * application would otherwise pick up by component scan). Surefire and Failsafe give the real one in
     * {@code surefire.test.class.path} (java.class.path may be a manifest-only jar).
     */
    static String applicationClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
