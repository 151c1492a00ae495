package dev.recoveryorchestrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.maintenance.MaintenanceGate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monitor during a maintenance window declared over the API: the stand-in (a real process) fails its health
 * check, the check fires, and the outage is recorded on the window instead of opening an incident; once the window
 * has ended by itself the same failure opens one.
 */
class MaintenanceDetectionTest extends EngineTestSupport {

    @Autowired
    Probes probes;
    @Autowired
    MonitorSettings settings;
    @Autowired
    MaintenanceGate maintenance;

    @BeforeEach
    @AfterEach
    void forgetWindows() {
        jdbc.update("delete from ro_maintenance_event");
        jdbc.update("delete from ro_maintenance");
    }

    @Test
    void aDetectionDuringAWindowIsRecordedOnItAndOpensNothingUntilTheWindowEnds() throws Exception {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        Response declared = devops.post("/api/maintenance", "{\"start\":\"" + start + "\",\"end\":\""
                + start.plus(Duration.ofMinutes(10)) + "\",\"reason\":\"백엔드 재배포\"}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        assertThat(declared.json().get("types")).as("every type").isEmpty();
        HealthMonitor monitor = new HealthMonitor(settings, probes, incidents, maintenance);
        breakStandin();

        for (int second = 0; second < 6; second++) {
            ClockUtil.setCurrentTime(Date.from(start.plusSeconds(second)));
            monitor.poll();
        }

        assertThat(incidents.list(Optional.of(IncidentState.OPEN))).isEmpty();
        String id = declared.json().get("id").asText();
        JsonNode recorded = window(devops, id).get("recorded");
        assertThat(recorded.findValuesAsText("subject")).contains("check health");
        assertThat(recorded.findValuesAsText("source")).containsOnly("health-monitor");
        assertThat(recorded.get(0).get("count").asInt()).isGreaterThanOrEqualTo(2);

        Instant after = start.plus(Duration.ofMinutes(11));
        for (int second = 0; second < 3; second++) {
            ClockUtil.setCurrentTime(Date.from(after.plusSeconds(second)));
            monitor.poll();
        }
        assertThat(incidents.list(Optional.of(IncidentState.OPEN))).as("the window ended by itself").hasSize(1);
        assertThat(window(devops, id).get("state").asText()).isEqualTo("ENDED");
    }

    /** The declared window, found by its id among whatever the list holds. */
    private static JsonNode window(TestHttp devops, String id) {
        for (JsonNode window : devops.get("/api/maintenance").json()) {
            if (window.get("id").asText().equals(id)) {
                return window;
            }
        }
        throw new AssertionError("window " + id + " is not listed");
    }
}
