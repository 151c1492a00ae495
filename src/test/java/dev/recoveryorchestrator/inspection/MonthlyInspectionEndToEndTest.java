package dev.recoveryorchestrator.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.DateSensitive;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.inspection.drill.DrillSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The "done": the daily backup makes a backup, {@code POST /api/inspections/monthly} restores that very backup
 * and drills a real failure of the stand-in (killed, recovered by its runbook in drill mode), and the result shows the
 * measured RTO and RPO against their targets in the API and on the Cockpit instance. Everything is real: the Access
 * file, the backup folder, the stand-in's process.
 */
@DateSensitive
class MonthlyInspectionEndToEndTest extends EngineTestSupport {

    @Autowired
    DrillSettings drill;
    @Autowired
    InspectionResults results;

    @AfterEach
    void forget() {
        jdbc.update("delete from ro_inspection_result");
        jdbc.update("delete from ro_maintenance_event");
        jdbc.update("delete from ro_maintenance");
    }

    @Test
    void theMonthlyInspectionRestoresTheDailyBackupAndDrillsTheStandin() {
        String backup = runtime.startProcessInstanceByKey("backup-daily").getId();
        runDueJobs();
        String backupFile = (String) history.createHistoricVariableInstanceQuery().processInstanceId(backup)
                .variableName("backupFile").singleResult().getValue();
        assertThat(backupFile).as("the daily backup made today's backup").isNotBlank();
        long standinBefore = standin.process().orElseThrow().pid();

        Response started = TestHttp.on(port).as("devops1", "demo").post("/api/inspections/monthly", "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String monthly = started.json().get("processInstanceId").asText();
        runDueJobs();
        advance(Duration.ofSeconds(3)); // the drill incident's runbook: restart, its log watch, the health check
        advance(drill.pollInterval());   // the drill sees its incident recovered and records the result
        runDueJobs();

        assertThat(standin.process().orElseThrow().pid()).as("the drill really killed the stand-in; its runbook restarted it")
                .isNotEqualTo(standinBefore);
        JsonNode overview = TestHttp.on(port).as("admin", "admin").get("/api/inspections").json();
        JsonNode rpo = last(overview.get("backupRpo"));
        assertThat(rpo.get("status").asText()).isEqualTo("PASS");
        assertThat(rpo.get("figures").asText()).as("the restore test used the daily backup")
                .contains(Path.of(backupFile).getFileName().toString());
        assertThat(rpo.get("measured").asDouble()).as("data age, s").isBetween(0.0, rpo.get("target").asDouble());
        assertThat(rpo.get("target").asDouble()).isEqualTo(Duration.ofHours(24).toSeconds());
        JsonNode rto = last(overview.get("drillRto"));
        assertThat(rto.get("status").asText()).isEqualTo("PASS");
        assertThat(rto.get("measured").asDouble()).as("recovery time achieved, s").isBetween(0.0, 60.0);
        assertThat(rto.get("target").asDouble()).isEqualTo(Duration.ofHours(4).toSeconds());

        String table = (String) history.createHistoricVariableInstanceQuery().processInstanceId(monthly)
                .variableName("inspectionTable").singleResult().getValue();
        assertThat(table).as("on the Cockpit instance").contains("백업 복원 테스트", "DR 훈련", "RECOVERED");
    }

    private static JsonNode last(JsonNode trend) {
        assertThat(trend).as("a trend with points").isNotEmpty();
        return trend.get(trend.size() - 1);
    }
}
