package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.standin.StandinSettings;
import dev.recoveryorchestrator.standin.StandinSupervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application as a user runs it: job executor and health monitor on, the stand-in backend a real
 * OS process killed with {@code kill -9}, mail to GreenMail, everything observed over HTTP. No clock is moved:
 * the log watch window is the demo's two seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "recovery.monitor.interval=PT0.2S",
        "recovery.monitor.failures-before-incident=3",
        "recovery.monitor.timeout=PT1S",
        "recovery.health-check.after-action.attempts=3",
        "recovery.health-check.after-action.interval=PT0.2S",
        "recovery.notify.users=users@routing-ml.test",
        "recovery.contacts.devops[0].name=DevOps", "recovery.contacts.devops[0].email=devops@routing-ml.test",
})
@DirtiesContext
@AutoConfigureObservability
class RecoveryEndToEndIT {

    /** The monitor's interval, its threshold and its probe timeout, as in the properties above. */
    static final Duration MONITOR_INTERVAL = Duration.ofMillis(200);
    static final int FAILURES_BEFORE_INCIDENT = 3;
    static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(1);
    static final Path WORK = TestEnvironment.tempFolder("recovery-e2e");
    static final int STANDIN_PORT = TestEnvironment.freePort();

    @Autowired
    StandinSupervisor standin;
    @Autowired
    StandinSettings standinSettings;
    @LocalServerPort
    int port;

    TestHttp admin;
    Set<String> before;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry, "end-to-end", WORK, STANDIN_PORT);
    }

    @BeforeEach
    void remember() {
        admin = TestHttp.on(port).as("admin", "admin");
        before = new HashSet<>(ids(admin.get("/api/incidents").json()));
        TestMail.purge();
    }

    @AfterEach
    void heal() throws IOException {
        Files.deleteIfExists(standinSettings.faultFile());
    }

    @Test
    void aKilledBackendIsDetectedRestartedAndReportedRecovered() throws Exception {
        long killed = standin.process().orElseThrow().pid();
        Instant killedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Process kill = new ProcessBuilder("kill", "-9", String.valueOf(killed)).start();
        assertThat(kill.waitFor()).isZero();

        JsonNode incident = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> newIncidents().stream().filter(i -> i.get("state").asText().equals("RECOVERED")).findFirst(),
                        found -> found.isPresent()).orElseThrow();
        Instant sawRecovered = Instant.now();

        assertThat(newIncidents()).hasSize(1);
        assertThat(incident.get("type").asText()).isEqualTo("backend-api-down");
        assertThat(incident.get("source").asText()).isEqualTo("health-monitor");
        assertDowntimeIsWhatTheTestSaw(incident, killedAt, sawRecovered);
        assertThat(standin.process().orElseThrow().pid()).isNotEqualTo(killed);
        assertThat(TestHttp.on(STANDIN_PORT).get("/api/health").body()).contains("\"status\":\"ok\"");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TestMail.received())
                .extracting(TestMail.Received::subject)
                .anyMatch(s -> s.startsWith("[장애 발생]"))
                .anyMatch(s -> s.startsWith("[에스컬레이션: DevOps"))
                .anyMatch(s -> s.startsWith("[복구 완료]")));
        Response detail = admin.get("/api/incidents/" + incident.get("id").asText());
        assertThat(detail.json().get("timeline").findValuesAsText("step")).contains("서비스 재시작", "복구 완료");
        assertThat(admin.get("/actuator/prometheus").body())
                .containsPattern("recovery_incidents_opened_total\\{.*drill=\"false\".*type=\"backend-api-down\".*} [1-9]")
                .containsPattern("recovery_incident_time_to_recover_seconds_count\\{.*drill=\"false\".*type=\"backend-api-down\".*} [1-9]")
                .doesNotContainPattern("recovery_incidents_open\\{[^}]*drill=\"false\"[^}]*} [1-9]");
    }

    @Test
    void failuresThatGoOnWhileAnIncidentIsOpenOpenNoSecondOne() throws Exception {
        Files.writeString(standinSettings.faultFile(), "injected by the test");
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        JsonNode task = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> devops.get("/engine-rest/task?taskDefinitionKey=UserTask_ManualRecovery").json(),
                        tasks -> tasks.size() == 1).get(0);
        Path log = WORK.resolve("standin").resolve("backend.log");
        long faultsSoFar = faults(log);
        await().atMost(Duration.ofSeconds(30)).until(() -> faults(log) >= faultsSoFar + 10);

        assertThat(newIncidents()).hasSize(1);
        assertThat(ids(admin.get("/api/incidents?state=open").json())).hasSize(1);

        Files.delete(standinSettings.faultFile());
        Response completed = devops.post("/engine-rest/task/" + task.get("id").asText() + "/complete",
                "{\"variables\":{\"decision\":{\"value\":\"restart\"}}}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> newIncidents().get(0).get("state").asText().equals("RECOVERED"));
        assertThat(newIncidents()).hasSize(1);
    }

    /**
     * Downtime runs from the first failed check to the passed one: it is recoveredAt − openedAt, at least the
     * detection (the threshold's checks, an interval apart), and no longer than what the test saw from the kill to
     * RECOVERED, plus a check that was already in flight when the backend was killed.
     */
    private static void assertDowntimeIsWhatTheTestSaw(JsonNode incident, Instant killedAt, Instant sawRecovered) {
        Instant openedAt = Instant.parse(incident.get("openedAt").asText());
        Instant recoveredAt = Instant.parse(incident.get("recoveredAt").asText());
        Duration downtime = Duration.between(openedAt, recoveredAt);
        Duration observed = Duration.between(killedAt, sawRecovered);
        Duration checkInFlight = MONITOR_INTERVAL.plus(MONITOR_TIMEOUT);

        assertThat(incident.get("downtimeSeconds").asLong()).as("downtimeSeconds of " + incident)
                .isEqualTo(downtime.toSeconds());
        assertThat(downtime).as("recoveredAt - openedAt of " + incident)
                .isGreaterThanOrEqualTo(MONITOR_INTERVAL.multipliedBy(FAILURES_BEFORE_INCIDENT - 1))
                .isLessThanOrEqualTo(observed.plus(checkInFlight));
        assertThat(openedAt).as("openedAt: the first failed check after the kill at " + killedAt)
                .isAfterOrEqualTo(killedAt.minus(checkInFlight));
        assertThat(recoveredAt).as("recoveredAt: before the test saw RECOVERED at " + sawRecovered)
                .isBeforeOrEqualTo(sawRecovered);
    }

    private List<JsonNode> newIncidents() {
        return StreamSupport.stream(admin.get("/api/incidents").json().spliterator(), false)
                .filter(i -> !before.contains(i.get("id").asText())).toList();
    }

    private static List<String> ids(JsonNode list) {
        return list.findValuesAsText("id");
    }

    private static long faults(Path log) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("injected fault")).count();
        }
    }
}
