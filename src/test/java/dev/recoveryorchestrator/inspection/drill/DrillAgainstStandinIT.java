package dev.recoveryorchestrator.inspection.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.standin.StandinSupervisor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A DR drill as the monthly inspection runs it, with the whole application: job executor and health monitor on, the
 * stand-in a real OS process that the drill kills, mail to GreenMail, no clock moved. The drill is started over
 * Camunda's REST API as Tasklist's "Start process" would, and its measured recovery time is checked against what the
 * test itself saw.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "recovery.monitor.interval=PT0.2S",
        "recovery.monitor.failures-before-incident=3",
        "recovery.monitor.timeout=PT1S",
        "recovery.health-check.after-action.attempts=5",
        "recovery.health-check.after-action.interval=PT0.2S",
        "recovery.inspection.drill.poll-interval=PT0.5S",
        "recovery.notify.users=users@routing-ml.test",
        "recovery.contacts.devops[0].name=DevOps", "recovery.contacts.devops[0].email=devops@routing-ml.test",
        "recovery.contacts.cto[0].name=CTO", "recovery.contacts.cto[0].email=cto@routing-ml.test",
})
@DirtiesContext
@AutoConfigureObservability
class DrillAgainstStandinIT {

    static final Path WORK = TestEnvironment.tempFolder("recovery-drill");
    static final int STANDIN_PORT = TestEnvironment.freePort();

    @Autowired
    StandinSupervisor standin;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry, "drill", WORK, STANDIN_PORT);
    }

    @Test
    void aDrillReallyKillsTheStandinItsRunbookRecoversItAndTheMeasuredRtoIsRecorded() {
        TestHttp admin = TestHttp.on(port).as("admin", "admin");
        Set<String> before = new HashSet<>(admin.get("/api/incidents").json().findValuesAsText("id"));
        long killed = standin.process().orElseThrow().pid();
        TestMail.purge();
        String realOpened = metric(admin, "recovery_incidents_opened_total");

        Instant started = Instant.now();
        TestHttp.Response start = admin.post("/engine-rest/process-definition/key/inspection-drill/submit-form",
                "{\"variables\":{\"drillType\":{\"value\":\"backend-api-down\"}}}");
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        String instance = start.json().get("id").asText();

        JsonNode ended = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(
                () -> admin.get("/engine-rest/history/process-instance/" + instance).json(),
                found -> "COMPLETED".equals(found.path("state").asText()));
        Instant sawEnd = Instant.now();

        JsonNode variables = admin.get("/engine-rest/history/variable-instance?processInstanceId=" + instance).json();
        assertThat(variable(variables, "drillOutcome").asText()).as(variable(variables, "drillFinding").asText())
                .isEqualTo("RECOVERED");
        long measured = variable(variables, "drillRecoverySeconds").asLong();
        assertThat(measured).as("recovery time achieved, at most what the test saw")
                .isLessThanOrEqualTo(Duration.between(started, sawEnd).toSeconds() + 1);
        assertThat(variable(variables, "drillRtoTargetSeconds").asLong()).isEqualTo(Duration.ofHours(4).toSeconds());
        String incidentId = variable(variables, "drillIncidentId").asText();

        JsonNode incident = admin.get("/api/incidents/" + incidentId).json();
        assertThat(incident.get("drill").asBoolean()).isTrue();
        assertThat(incident.get("state").asText()).isEqualTo("RECOVERED");
        assertThat(incident.get("timeline").findValuesAsText("step")).contains("훈련", "증상 확인", "서비스 재시작", "복구 완료");
        Duration downtime = Duration.between(Instant.parse(incident.get("openedAt").asText()),
                Instant.parse(incident.get("recoveredAt").asText()));
        assertThat(measured).as("injection to the passed health check").isEqualTo(downtime.toSeconds());

        assertThat(standin.process().orElseThrow().pid()).as("killed and started again").isNotEqualTo(killed);
        assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(TestHttp.on(STANDIN_PORT).get("/api/health").body()).contains("\"status\":\"ok\"");

        List<String> incidentsNow = admin.get("/api/incidents?drill=false").json().findValuesAsText("id");
        assertThat(incidentsNow).as("the monitor saw the kill inside the window: no real incident")
                .allMatch(before::contains);
        assertThat(jdbc.queryForObject("select count(*) from ro_maintenance_event e join ro_maintenance m "
                + "on m.id = e.maintenance_id where m.created_by = 'inspection-drill' and e.failure_type = ?",
                Integer.class, "backend-api-down")).as("the monitor's detection recorded on the drill's window").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from ro_maintenance where created_by = 'inspection-drill' "
                + "and ends_at > current_timestamp", Integer.class)).as("the window is closed").isZero();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TestMail.received())
                .extracting(TestMail.Received::subject)
                .anyMatch(subject -> subject.startsWith("[훈련] [장애 발생]"))
                .anyMatch(subject -> subject.startsWith("[훈련] [복구 완료]")));
        assertThat(TestMail.received()).allSatisfy(mail -> assertThat(mail.subject()).startsWith("[훈련] "))
                .noneMatch(mail -> mail.to().contains("cto@routing-ml.test"));
        assertThat(metric(admin, "recovery_incidents_opened_total")).as("real incident figures").isEqualTo(realOpened);
        assertThat(admin.get("/actuator/prometheus").body())
                .containsPattern("recovery_incidents_opened_total\\{.*drill=\"true\".*source=\"drill\".*type=\"backend-api-down\".*} 1")
                .containsPattern("recovery_incident_time_to_recover_seconds_count\\{.*drill=\"true\".*type=\"backend-api-down\".*} 1");
    }

    private static JsonNode variable(JsonNode variables, String name) {
        for (JsonNode variable : variables) {
            if (name.equals(variable.get("name").asText())) {
                return variable.get("value");
            }
        }
        throw new AssertionError("no variable " + name + " in " + variables);
    }

    /** The lines of one metric as Prometheus shows them (empty when it was never counted). */
    private static String metric(TestHttp admin, String name) {
        return String.join("\n", admin.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("drill=\"false\"")).toList());
    }
}
