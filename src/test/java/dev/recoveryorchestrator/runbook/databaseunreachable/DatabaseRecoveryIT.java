package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.AccessFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.standin.DemoDatabase;
import dev.recoveryorchestrator.standin.StandinSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo's Type 2 tour, whole: the stand-in's real Access database damaged through its {@code damage-database}
 * switch, detection opening the incident, the runbook restoring the newest backup, and the incident RECOVERED with
 * the user's data intact (the restored tables and rows equal the backup's, the damaged file kept beside it). Then
 * the path that needs a person: backups older than the RPO target, read-only mode shown on the incident, the restore
 * approved and read-only mode switched off through Camunda's REST API by {@code devops1}. Job executor and monitor
 * on; no clock is moved; no Docker engine is involved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "recovery.monitor.interval=PT0.2S",
        "recovery.health-check.after-action.attempts=10",
        "recovery.health-check.after-action.interval=PT0.3S",
        "recovery.notify.users=users@routing-ml.test",
        "recovery.contacts.devops[0].name=DevOps", "recovery.contacts.devops[0].email=devops@routing-ml.test",
})
@DirtiesContext
class DatabaseRecoveryIT {

    static final Path WORK = TestEnvironment.tempFolder("recovery-db-it");
    static final int STANDIN_PORT = TestEnvironment.freePort();

    @Autowired
    StandinSettings standinSettings;
    @LocalServerPort
    int port;

    TestHttp admin;
    Set<String> before;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry, "database-it", WORK, STANDIN_PORT);
    }

    private StandinFiles files() {
        return new StandinFiles(standinSettings.dir());
    }

    @BeforeEach
    void remember() {
        admin = TestHttp.on(port).as("admin", "admin");
        before = new HashSet<>(admin.get("/api/incidents").json().findValuesAsText("id"));
    }

    @Test
    void aDamagedDatabaseIsDetectedRestoredFromTheNewestBackupAndRecoveredWithTheDataIntact() throws Exception {
        Path newest = files().backups().get(0);
        Files.setLastModifiedTime(newest, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        var backupTables = AccessFiles.open(newest).rowCounts();

        Files.createFile(standinSettings.dir().resolve("damage-database"));

        JsonNode incident = awaitNewIncident("RECOVERED", Duration.ofSeconds(120));
        assertThat(incident.get("type").asText()).isEqualTo("database-unreachable");
        JsonNode detail = admin.get("/api/incidents/" + incident.get("id").asText()).json();
        assertThat(detail.get("timeline").findValuesAsText("step")).containsSubsequence("파일 확인", "데이터베이스 열기",
                "마운트 확인", "연결 문자열 확인", "증상 확인", "백업 확인", "백업 복원", "데이터베이스 검증", "서비스 재시작",
                "헬스 체크", "예측 요청 확인", "복구 완료");
        assertThat(detail.has("temporaryMeasure")).isFalse();
        assertThat(AccessFiles.open(files().database()).rowCounts()).isEqualTo(backupTables);
        assertThat(files().asideFiles()).anySatisfy(aside ->
                assertThat(AccessFiles.open(aside).state()).isEqualTo(AccessFiles.State.DAMAGED));
        assertThat(files().backups()).hasSize(3);
        assertThat(TestHttp.on(STANDIN_PORT).get("/api/predict").status()).isEqualTo(200);
    }

    @Test
    void beyondTheRpoTargetAPersonApprovesWhileReadOnlyModeShowsOnTheIncident() throws Exception {
        for (Path backup : files().backups()) {
            Files.setLastModifiedTime(backup, FileTime.from(Instant.now().minus(Duration.ofHours(30))));
        }
        Files.createFile(standinSettings.dir().resolve("damage-database"));
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");

        JsonNode approval = awaitTask(devops, "UserTask_ApproveRestore");
        JsonNode open = awaitNewIncident("OPEN", Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/incidents/" + open.get("id").asText()).json()
                .path("temporaryMeasure").asText().contains("읽기 전용"));
        assertThat(Files.readString(standinSettings.dir().resolve(DemoDatabase.CONFIG))).contains("read_only_mode: true");
        assertThat(TestHttp.on(STANDIN_PORT).get("/api/predict").body()).contains("\"read_only\":true");

        complete(devops, approval, "{\"restoreDecision\":{\"value\":\"approve\"}}");
        complete(devops, awaitTask(devops, "UserTask_ConfirmReadOnlyOff"), "{\"readOnlyOffDecision\":{\"value\":\"switch-off\"}}");

        JsonNode recovered = awaitNewIncident("RECOVERED", Duration.ofSeconds(90));
        JsonNode detail = admin.get("/api/incidents/" + recovered.get("id").asText()).json();
        assertThat(detail.has("temporaryMeasure")).isFalse();
        assertThat(detail.get("timeline").findValuesAsText("step")).contains("읽기 전용 모드 전환", "복원 승인",
                "읽기 전용 해제 확인", "읽기 전용 모드 해제");
        assertThat(Files.readString(standinSettings.dir().resolve(DemoDatabase.CONFIG))).contains("read_only_mode: false");
    }

    private void complete(TestHttp user, JsonNode task, String variables) {
        TestHttp.Response done = user.post("/engine-rest/task/" + task.get("id").asText() + "/complete",
                "{\"variables\":" + variables + "}");
        assertThat(done.status()).as(done.body()).isEqualTo(204);
    }

    private static JsonNode awaitTask(TestHttp user, String key) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> user.get("/engine-rest/task?taskDefinitionKey=" + key).json(), tasks -> tasks.size() == 1)
                .get(0);
    }

    private JsonNode awaitNewIncident(String state, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(300))
                .until(() -> StreamSupport.stream(admin.get("/api/incidents").json().spliterator(), false)
                        .filter(i -> !before.contains(i.get("id").asText()))
                        .filter(i -> i.get("type").asText().equals("database-unreachable"))
                        .filter(i -> i.get("state").asText().equals(state)).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

}
