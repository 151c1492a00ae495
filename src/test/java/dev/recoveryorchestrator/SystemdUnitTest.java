package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit of the host deployment ({@code deploy/systemd/recovery-orchestrator.service}): what it must say,
 * and {@code systemd-analyze verify} on it. The verify needs systemd's tools: missing, it is skipped with a message
 * saying how to get them, unless {@code RECOVERY_TEST_REQUIRE_ALL=true}, where it fails.
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("deploy/systemd/recovery-orchestrator.service");

    @Test
    void theUnitRunsTheJarAsItsOwnUserWithSecretsFromAnEnvironmentFile() throws IOException {
        String unit = Files.readString(UNIT);
        assertThat(unit).contains("User=recovery-orchestrator", "EnvironmentFile=/etc/recovery-orchestrator/env",
                "ExecStart=/usr/bin/java", "-jar /opt/recovery-orchestrator/recovery-orchestrator.jar", "KillMode=mixed",
                "Restart=on-failure", "WantedBy=multi-user.target");
        assertThat(unit).as("no secret in the unit itself").doesNotContainPattern("(?m)^Environment=.*(PASSWORD|TOKEN|SECRET)");
        assertThat(unit).as("no root").doesNotContain("User=root");
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit(@TempDir Path folder) throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(analyze)) {
            String message = "systemd-analyze is not installed (apt-get install systemd)";
            if (Boolean.parseBoolean(System.getenv(TestPostgres.REQUIRE_ALL_VARIABLE))) {
                org.junit.jupiter.api.Assertions.fail(message + " (" + TestPostgres.REQUIRE_ALL_VARIABLE + "=true)");
            }
            Assumptions.abort(message);
        }
        // verify checks that ExecStart's program exists: a copy of the unit whose java is this JVM's, same otherwise.
        String unit = Files.readString(UNIT).replace("/usr/bin/java", Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
        Path copy = Files.writeString(folder.resolve("recovery-orchestrator.service"), unit);
        List<String> command = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no", copy.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> complaints = output.lines()
                .filter(line -> line.contains("recovery-orchestrator.service"))
                // the user and the env file are made on the host (docs/operations.md), not on the test machine
                .filter(line -> !line.contains("Failed to resolve user") && !line.contains("recovery-orchestrator/env"))
                .toList();
        assertThat(complaints).as(output).isEmpty();
    }
}
