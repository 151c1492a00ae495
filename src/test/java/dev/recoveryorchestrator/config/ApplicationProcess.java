package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.fail;

import dev.recoveryorchestrator.RecoveryOrchestratorApplication;
import dev.recoveryorchestrator.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application started as an operator starts it: {@code java ... RecoveryOrchestratorApplication} as an OS
 * process with the test JVM's class path, in a working folder of its own, with only the environment variables the
 * test gives it (nothing inherited from the developer's shell). It must end by itself: a start that runs instead of
 * refusing fails the test after the bound and is killed.
 */
final class ApplicationProcess {

    private static final long BOUND_SECONDS = 180;

    private ApplicationProcess() {
    }

    /** What the process left: its exit code and its output (stdout and stderr together). */
    record Ended(int exitCode, String output) {
    }

    static Ended run(Path workdir, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath(),
                RecoveryOrchestratorApplication.class.getName(),
                // Should it start after all (the defect under test), it must not take port 8080 or 18000.
                "--server.port=0", "--recovery.standin.port=" + TestEnvironment.freePort(),
                "--recovery.monitor.enabled=false"));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("recovery-process-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workdir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                fail("The application was still running after " + BOUND_SECONDS + " s: it started instead of refusing. "
                        + "Its output:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Ended(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    /** Surefire puts the test class path in a manifest-only jar; it names the real one in this property. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire == null || surefire.isBlank() ? System.getProperty("java.class.path") : surefire;
    }
}
