package dev.recoveryorchestrator.runbook.containerfailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.standin.StandinSupervisor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo's "squat the port" as a user sees it, the whole application with its job executor and monitor on: the
 * stand-in backend (a real process) is killed and a real {@code python3 -m http.server} takes its loopback port.
 * Health fails, so Type 1 opens and its restart fails ("Port already in use", the stand-in's log); the monitor's
 * log-port check opens Type 4, which shows the squatter in a Tasklist task and stops it only when devops1 approves
 * over the REST API; then the stand-in is started again and Type 4 ends RECOVERED with its steps in the timeline,
 * and Type 1 follows through the lifecycle's health watch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "recovery.monitor.interval=PT0.2S",
        "recovery.health-check.after-action.attempts=3",
        "recovery.health-check.after-action.interval=PT0.2S",
        "recovery.lifecycle.watch-interval=PT1S",
        "recovery.notify.users=users@routing-ml.test",
        "recovery.contacts.devops[0].name=DevOps", "recovery.contacts.devops[0].email=devops@routing-ml.test",
})
@DirtiesContext
class PortSquatterRecoveryIT {

    static final Path WORK = TestEnvironment.tempFolder("recovery-squat");
    static final int STANDIN_PORT = TestEnvironment.freePort();

    @Autowired
    StandinSupervisor standin;
    @LocalServerPort
    int port;
    Process squatter;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry, "squat", WORK, STANDIN_PORT);
    }

    @AfterEach
    void squatterGone() {
        if (squatter != null && squatter.isAlive()) {
            squatter.destroyForcibly();
        }
    }

    @Test
    void aProcessSquattingTheBackendsPortIsStoppedAfterApprovalAndTheIncidentEndsRecovered() throws Exception {
        TestHttp admin = TestHttp.on(port).as("admin", "admin");
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        ProcessHandle killed = standin.process().orElseThrow();
        killed.destroyForcibly();
        killed.onExit().get(10, TimeUnit.SECONDS);
        squatter = new ProcessBuilder("python3", "-m", "http.server", "--bind", "127.0.0.1", String.valueOf(STANDIN_PORT))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(20)).until(PortSquatterRecoveryIT::listening);

        JsonNode approval = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> devops.get("/engine-rest/task?taskDefinitionKey=UserTask_ApproveStop").json(),
                        found -> found.size() == 1).get(0);
        assertThat(approval.get("description").asText()).contains("pid " + squatter.pid(), "http.server");
        assertThat(squatter.isAlive()).as("nothing stopped before approval").isTrue();

        Response approved = devops.post("/engine-rest/task/" + approval.get("id").asText() + "/complete",
                "{\"variables\":{\"stopDecision\":{\"value\":\"approve\"}}}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);

        JsonNode incident = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> find(admin, "container-failure"), found -> found.isPresent()
                        && found.get().get("state").asText().equals("RECOVERED")).orElseThrow();
        assertThat(squatter.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(incident.get("source").asText()).isEqualTo("health-monitor");
        JsonNode detail = admin.get("/api/incidents/" + incident.get("id").asText()).json();
        assertThat(detail.get("timeline").findValuesAsText("step")).contains("포트 점유 확인", "증상 확인",
                "포트 점유 프로세스 중지 승인", "포트 점유 프로세스 중지", "재빌드 및 시작", "헬스 체크", "복구 완료");
        assertThat(TestHttp.on(STANDIN_PORT).get("/api/health").body()).contains("\"status\":\"ok\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> find(admin, "backend-api-down")
                .map(found -> !found.get("state").asText().equals("OPEN")).orElse(true));
        assertThat(admin.get("/api/incidents?state=open").json()).isEmpty();
    }

    private static Optional<JsonNode> find(TestHttp admin, String type) {
        List<JsonNode> found = new ArrayList<>();
        admin.get("/api/incidents").json().forEach(found::add);
        return found.stream().filter(incident -> incident.get("type").asText().equals(type)).findFirst();
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", STANDIN_PORT), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
