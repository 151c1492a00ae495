package dev.recoveryorchestrator.runbook.containerfailure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.runbook.containerfailure.PortHolders.Listener;
import dev.recoveryorchestrator.runbook.containerfailure.StopPolicy.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ss -tlnp} read as data (real output of iproute2 6.1, and hostile lines), {@code /proc/<pid>/cmdline} read
 * as NUL-separated text, and what the stop policy never allows.
 */
class PortHoldersTest {

    static final String SS = """
            State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess
            LISTEN 0      5          127.0.0.1:18000      0.0.0.0:*    users:(("python3",pid=4242,fd=3))
            LISTEN 0      4096         0.0.0.0:8000       0.0.0.0:*    users:(("docker-proxy",pid=1311,fd=4))
            LISTEN 0      4096            [::]:5173          [::]:*    users:(("docker-proxy",pid=1320,fd=4),("docker-proxy",pid=1321,fd=4))
            LISTEN 0      244        127.0.0.1:5432       0.0.0.0:*    users:(("postgres",pid=812,fd=6))
            LISTEN 0      128          0.0.0.0:2024       0.0.0.0:*
            LISTEN 0      5          127.0.0.1:8000       0.0.0.0:*    users:(("$(id); kill -9 1",pid=99999999999999999,fd=3))
            LISTEN 0      5          127.0.0.1:8000       0.0.0.0:*
            garbage ${x} #{x} ../.. \0 LISTEN :8000 pid=7
            """;

    @Test
    void ssOutputGivesPortAndPidOfTheWatchedPortsOnly() {
        List<Listener> found = PortHolders.parse(SS, Set.of(18000, 8000, 5173));

        assertThat(found).containsExactly(new Listener(18000, 4242), new Listener(8000, 1311), new Listener(5173, 1320),
                new Listener(5173, 1321), new Listener(8000, -1));
    }

    @Test
    void aHundredKilobytesOfNoiseGivesNothing() {
        assertThat(PortHolders.parse("LISTEN 0 5 127.0.0.1:" + "9".repeat(100 * 1024) + " x\r\n" + "\0".repeat(1000),
                Set.of(8000))).isEmpty();
    }

    @Test
    void theCommandLineIsItsNulSeparatedArgumentsWithControlCharactersShownAsQuestionMarks(@TempDir Path proc)
            throws IOException {
        Files.createDirectories(proc.resolve("4242"));
        Files.write(proc.resolve("4242").resolve("cmdline"), "python3\0-m\0http.server\0${x}\r\n$(id)\0".getBytes());
        PortHolders holders = new PortHolders(null, proc);

        assertThat(holders.commandLine(4242)).isEqualTo("python3 -m http.server ${x}??$(id)");
        assertThat(holders.commandLine(4243)).isEqualTo("(읽을 수 없음)");
    }

    @Test
    void pidOneTheOrchestratorItsAncestorsTheDatabaseAndUnnamedHoldersAreNeverStopped() {
        StopPolicy policy = new StopPolicy(settings(List.of()));
        long self = ProcessHandle.current().pid();
        long parent = ProcessHandle.current().parent().orElseThrow().pid();

        assertThat(policy.judge(holder(8000, 1, "/sbin/init"))).isEqualTo(Verdict.PROTECTED);
        assertThat(policy.judge(holder(8000, self, "java -jar recovery-orchestrator.jar"))).isEqualTo(Verdict.PROTECTED);
        assertThat(policy.judge(holder(8000, parent, "bash"))).isEqualTo(Verdict.PROTECTED);
        assertThat(policy.judge(holder(8000, -1, "(알 수 없음)"))).isEqualTo(Verdict.PROTECTED);
        assertThat(policy.judge(holder(5432, 4242, "python3 -m http.server"))).isEqualTo(Verdict.PROTECTED);
        assertThat(policy.judge(holder(8000, 4242, "/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql")))
                .isEqualTo(Verdict.PROTECTED);
        assertThat(policy.judge(holder(8000, 4242, "python3 -m http.server 8000"))).isEqualTo(Verdict.APPROVAL);
        assertThat(policy.judge(holder(8000, 1311, "/usr/bin/docker-proxy -proto tcp -host-port 8000")))
                .isEqualTo(Verdict.SERVICE);
    }

    @Test
    void onlyTheAllowListIsStoppedWithoutApproval() {
        StopPolicy policy = new StopPolicy(settings(List.of(Pattern.compile("^node .*vite"))));

        assertThat(policy.judge(holder(5173, 4242, "node /app/node_modules/.bin/vite --port 5173"))).isEqualTo(Verdict.ALLOWED);
        assertThat(policy.judge(holder(5173, 4243, "python3 -m http.server 5173"))).isEqualTo(Verdict.APPROVAL);
    }

    private static PortHolder holder(int port, long pid, String commandLine) {
        return new PortHolder(port, pid, null, commandLine, "root");
    }

    private static ContainerFailureSettings settings(List<Pattern> allowList) {
        return new ContainerFailureSettings("routing-ml", List.of("predictor", "frontend"), 100, List.of("routing-ml_models"),
                Duration.ofSeconds(10), List.of(Pattern.compile("docker-proxy"), Pattern.compile("uvicorn backend\\.run_api:app")),
                allowList, List.of(Pattern.compile("postgres")), List.of(5432), 3);
    }
}
