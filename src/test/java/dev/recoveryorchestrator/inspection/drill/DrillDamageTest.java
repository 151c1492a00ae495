package dev.recoveryorchestrator.inspection.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Type 2 and Type 5 drills in the demo: the stand-in's {@code damage-database} switch really overwrites the Access file's
 * header and {@code damage-model} really truncates {@code models/latest/model.pkl}; the type's runbook, in drill mode,
 * confirms the damage, restores the newest backup or version that verifies and keeps the damaged file aside.
 */
class DrillDamageTest extends EngineTestSupport {

    @Autowired
    DrillResults results;
    @Autowired
    DrillSettings settings;
    Path models() {
        return standinSettings.modelDir();
    }

    /**
     * A drill ends its window at the engine's time, which these tests move hours ahead: the windows go with the test, so
     * that no other test class sharing the context finds its alerts under a drill's maintenance.
     */
    @org.junit.jupiter.api.AfterEach
    void forgetWindows() {
        jdbc.update("delete from ro_maintenance_event");
        jdbc.update("delete from ro_maintenance");
    }

    @Test
    void aDatabaseDrillReallyDamagesTheAccessFileAndTheRunbookRestoresTheNewestBackup() throws IOException {
        Path dir = standinSettings.dir();

        ProcessInstance drill = runtime.startProcessInstanceByKey("inspection-drill",
                Map.of("drillType", "database-unreachable"));
        runDueJobs();
        advance(settings.pollInterval());

        DrillResult result = results.recent(DrillResults.MAX).stream()
                .filter(r -> drill.getId().equals(r.processInstanceId())).findFirst().orElseThrow();
        assertThat(result.outcome()).as(result.finding()).isEqualTo("RECOVERED");
        assertThat(result.finding()).contains("damage-database", "훈련 후 대상 정상");
        Incident incident = incidents.find(result.incidentId()).orElseThrow();
        assertThat(incident.drill()).isTrue();
        assertThat(stepNotes(incident, "증상 확인")).as("the runbook confirmed the damage itself").isNotBlank();
        assertThat(stepNotes(incident, "백업 확인")).isNotBlank();
        try (Stream<Path> data = Files.list(dir.resolve("routing_data"))) {
            assertThat(data.map(path -> path.getFileName().toString())).as("the damaged file is kept aside")
                    .anyMatch(name -> name.contains(".damaged-"));
        }
    }

    @Test
    void theDamageSwitchReallyDamagesTheModelAndTheRunbookRestoresItAsADrill() throws IOException {
        byte[] intact = Files.readAllBytes(models().resolve("latest").resolve("model.pkl"));

        ProcessInstance drill = runtime.startProcessInstanceByKey("inspection-drill", Map.of("drillType", "model-corruption"));
        runDueJobs();
        advance(settings.pollInterval());

        DrillResult result = results.recent(DrillResults.MAX).stream()
                .filter(r -> drill.getId().equals(r.processInstanceId())).findFirst().orElseThrow();
        assertThat(result.outcome()).as(result.finding()).isEqualTo("RECOVERED");
        assertThat(result.finding()).contains("damage-model", "훈련 후 대상 정상");
        Incident incident = incidents.find(result.incidentId()).orElseThrow();
        assertThat(incident.drill()).isTrue();
        assertThat(incident.state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(stepNotes(incident, "증상 확인")).contains("파일 손상");
        try (Stream<Path> latest = Files.list(models().resolve("latest"))) {
            assertThat(latest.map(path -> path.getFileName().toString()))
                    .as("the damaged model is kept aside").anyMatch(name -> name.startsWith("model.pkl.damaged-"));
        }
        assertThat(Files.size(models().resolve("latest").resolve("model.pkl"))).as("a whole model is installed again")
                .isGreaterThan(intact.length / 2);
        assertThat(result.recoverySeconds()).isNotNull().isLessThanOrEqualTo(Duration.ofHours(4).toSeconds());
    }
}
