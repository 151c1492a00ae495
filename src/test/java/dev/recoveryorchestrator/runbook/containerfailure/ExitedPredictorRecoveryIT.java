package dev.recoveryorchestrator.runbook.containerfailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.standin.StandinSupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Type 4 from detection to RECOVERED as it runs under the docker profile, the whole application with its job
 * executor and monitor on: the compose project's predictor has exited (exit 137, killed), the monitor's
 * {@code containers} check sees it in {@code docker compose ps --all --format json} and opens
 * {@code container-failure}; the runbook lists the project's containers, confirms, takes the project down, removes
 * what {@code down} left (by the project's label only), rebuilds without cache, starts it and checks health.
 *
 * <p>No Docker engine exists on the machines the tests run on: the docker commands (the monitor's
 * {@code list-containers}, {@code container-list}, {@code container-volumes}, {@code container-leftovers},
 * {@code container-remove}, {@code compose-down}, {@code compose-rebuild}, each with the docker profile's
 * arguments) call a fake {@code docker} ({@link FakeComposeDocker}) that records its argument lists and answers with
 * real-format output, its project's state kept in files: {@code down} removes the services' containers and leaves an
 * orphan, {@code up -d} shows them running. Everything else is real: the health check asks the stand-in backend (a
 * real process on a free loopback port), which no docker step touches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "recovery.monitor.interval=PT0.2S",
        // Only the checks this test is about (a list set here replaces application.yaml's whole): health stays
        // clear throughout, so Type 1 must not open.
        "recovery.monitor.checks[0].name=health",
        "recovery.monitor.checks[0].kind=health",
        "recovery.monitor.checks[0].opens=backend-api-down",
        "recovery.monitor.checks[0].summary=/api/health 응답 없음",
        "recovery.monitor.checks[1].name=containers",
        "recovery.monitor.checks[1].kind=containers",
        "recovery.monitor.checks[1].opens=container-failure",
        "recovery.monitor.checks[1].interval=PT0.5S",
        "recovery.monitor.checks[1].threshold=2",
        "recovery.monitor.checks[1].summary=컨테이너 없음 또는 중지",
        "recovery.monitor.checks[1].action=list-containers",
        "recovery.monitor.checks[1].services=predictor,frontend",
        "recovery.health-check.after-action.attempts=3",
        "recovery.health-check.after-action.interval=PT0.2S",
        "recovery.notify.users=users@routing-ml.test",
        "recovery.contacts.devops[0].name=DevOps", "recovery.contacts.devops[0].email=devops@routing-ml.test",
})
@DirtiesContext
class ExitedPredictorRecoveryIT {

    static final Path WORK = TestEnvironment.tempFolder("recovery-exited");
    static final int STANDIN_PORT = TestEnvironment.freePort();
    static final String PREDICTOR = "3f2a9c1b7d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
    static final String FRONTEND = "8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f";
    /** A container of a service since taken out of the compose file: {@code down} without --remove-orphans leaves it. */
    static final String ORPHAN = "c4d5e6f7a8b90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293";
    static final String NEW_PREDICTOR = "5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c";
    static final String NEW_FRONTEND = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";
    static final String PROJECT_FILTER = "--filter label=com.docker.compose.project=routing-ml";

    @Autowired
    StandinSupervisor standin;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry, "exited", WORK, STANDIN_PORT);
        FakeComposeDocker.registerCompose(registry, WORK);
        try {
            // Before the monitor's first round: the project running.
            FakeComposeDocker.answers(WORK, ps("predictor", PREDICTOR, "running", "Up 2 hours")
                    + ps("frontend", FRONTEND, "running", "Up 2 hours"), composePs("predictor", PREDICTOR, "running",
                    "Up 2 hours", 0) + composePs("frontend", FRONTEND, "running", "Up 2 hours", 0),
                    PREDICTOR + "\n" + FRONTEND + "\n", "routing-ml_models\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anExitedPredictorIsDetectedTakenDownRebuiltAndTheIncidentEndsRecovered() throws Exception {
        TestHttp admin = TestHttp.on(port).as("admin", "admin");
        long standinPid = standin.process().orElseThrow().pid();
        await().atMost(Duration.ofSeconds(20)).until(() -> FakeComposeDocker.calls(WORK)
                .contains("compose ps --all --format json"));
        assertThat(admin.get("/api/incidents").json()).as("all running: nothing to open").isEmpty();

        FakeComposeDocker.after(WORK, "down", ps("trainer", ORPHAN, "exited", "Exited (0) 3 days ago"), "",
                ORPHAN + "\n");
        FakeComposeDocker.after(WORK, "up", ps("predictor", NEW_PREDICTOR, "running", "Up 1 second")
                + ps("frontend", NEW_FRONTEND, "running", "Up 1 second"), composePs("predictor", NEW_PREDICTOR, "running",
                "Up 1 second", 0) + composePs("frontend", NEW_FRONTEND, "running", "Up 1 second", 0),
                NEW_PREDICTOR + "\n" + NEW_FRONTEND + "\n");
        FakeComposeDocker.now(WORK, ps("predictor", PREDICTOR, "exited", "Exited (137) 5 seconds ago")
                + ps("frontend", FRONTEND, "running", "Up 2 hours"), composePs("predictor", PREDICTOR, "exited",
                "Exited (137) 5 seconds ago", 137) + composePs("frontend", FRONTEND, "running", "Up 2 hours", 0),
                PREDICTOR + "\n" + FRONTEND + "\n");

        JsonNode incident = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> find(admin, "container-failure"), found -> found.isPresent()
                        && found.get().get("state").asText().equals("RECOVERED")).orElseThrow();

        assertThat(incident.get("source").asText()).isEqualTo("health-monitor");
        assertThat(incident.get("summary").asText()).isEqualTo("컨테이너 없음 또는 중지: 컨테이너 predictor exited");
        JsonNode detail = admin.get("/api/incidents/" + incident.get("id").asText()).json();
        List<String> steps = detail.get("timeline").findValuesAsText("step");
        assertThat(steps).containsSubsequence("컨테이너 상태 확인", "증상 확인", "컨테이너 중지 및 정리", "잔여 컨테이너 제거",
                "재빌드 및 시작", "헬스 체크", "복구 완료");
        assertThat(details(detail, "컨테이너 상태 확인")).contains("predictor exited (exit 137), frontend running");
        assertThat(details(detail, "잔여 컨테이너 제거")).contains("1개 제거");

        List<String> calls = FakeComposeDocker.calls(WORK);
        assertThat(calls.stream().filter(call -> !call.startsWith("compose ps")).toList()).containsSubsequence(
                "ps -a " + PROJECT_FILTER + " --format json", "volume ls --format {{.Name}}", "compose down",
                "ps -a --no-trunc " + PROJECT_FILTER + " -q", "rm -f " + ORPHAN, "compose build --no-cache",
                "compose up -d", "volume ls --format {{.Name}}");
        assertThat(calls).as("each container listing by the project's label, only the orphan removed, nothing else")
                .allMatch(call -> call.equals("compose ps --all --format json") || call.startsWith("ps -a ")
                        && call.contains(PROJECT_FILTER) || call.equals("rm -f " + ORPHAN)
                        || call.equals("volume ls --format {{.Name}}") || List.of("compose down",
                        "compose build --no-cache", "compose up -d").contains(call));
        assertThat(calls).as("once each").containsOnlyOnce("compose down", "compose build --no-cache", "compose up -d",
                "rm -f " + ORPHAN);

        assertThat(TestHttp.on(STANDIN_PORT).get("/api/health").body()).contains("\"status\":\"ok\"");
        assertThat(standin.process().orElseThrow().pid()).as("the docker steps never touched the stand-in")
                .isEqualTo(standinPid);
        assertThat(find(admin, "backend-api-down")).as("health was never down").isEmpty();
        assertThat(admin.get("/api/incidents?state=open").json()).isEmpty();
    }

    /** A {@code docker ps -a --format json} line (short id, as docker prints it). */
    private static String ps(String service, String id, String state, String status) {
        return FakeComposeDocker.container(service, id.substring(0, 12), state, status) + "\n";
    }

    /** A {@code docker compose ps --all --format json} line (full id, as compose prints it). */
    private static String composePs(String service, String id, String state, String status, int exitCode) {
        return FakeComposeDocker.composeContainer(service, id, state, status, exitCode) + "\n";
    }

    private static String details(JsonNode incident, String step) {
        List<String> found = new ArrayList<>();
        incident.get("timeline").forEach(entry -> {
            if (entry.get("step").asText().equals(step)) {
                found.add(entry.path("detail").asText());
            }
        });
        return String.join("\n", found);
    }

    private static Optional<JsonNode> find(TestHttp admin, String type) {
        List<JsonNode> found = new ArrayList<>();
        admin.get("/api/incidents").json().forEach(found::add);
        return found.stream().filter(incident -> incident.get("type").asText().equals(type)).findFirst();
    }
}
