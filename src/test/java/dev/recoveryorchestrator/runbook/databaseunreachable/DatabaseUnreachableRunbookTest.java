package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.AccessFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HistoricInstance;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.standin.DemoDatabase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code runbook-database-unreachable.bpmn} (Type 2) on the stand-in's real files: an Access database written by
 * Jackcess, daily backups, the predictor config and the env file, damaged here by overwriting a header or
 * truncating; the stand-in, a real process, opens the database on every predict request.
 */
class DatabaseUnreachableRunbookTest extends EngineTestSupport {

    static final String RUNBOOK = "runbook-database-unreachable";

    @org.springframework.beans.factory.annotation.Autowired
    dev.recoveryorchestrator.action.HealthProbe probe;

    private StandinFiles files() {
        return new StandinFiles(standinSettings.dir());
    }

    @BeforeEach
    void switchOffBefore() throws IOException {
        Files.deleteIfExists(standinSettings.switchFile("db-fault"));
    }

    @AfterEach
    void switchOff() throws IOException {
        Files.deleteIfExists(standinSettings.switchFile("db-fault"));
    }

    @Test
    void aDamagedDatabaseIsRestoredFromTheNewestBackupWithoutAPerson() throws IOException {
        Map<String, Integer> backupTables = AccessFiles.open(files().backups().get(0)).rowCounts();
        overwriteHeader(files().database());
        Incident incident = open(FailureType.DATABASE_UNREACHABLE);
        runDueJobs();

        HistoricInstance runbook = single(runbooksOf(incident));
        assertThat(runbook).hasPassedInOrder("Task_CheckDatabaseFile", "Task_OpenDatabase", "Task_CheckShareMount",
                "Task_CheckConnectionString", "Task_ConfirmDatabaseUnreachable", "Task_FindBackup",
                "Task_RestoreDatabase", "Task_VerifyDatabase", "Task_RestartService", "Task_HealthCheck",
                "Task_VerifyPredict", "EndEvent_DatabaseRecovered");
        assertThat(runbook).hasNotPassed("Task_EnableReadOnlyMode", "UserTask_ApproveRestore", "UserTask_ManualRecovery");
        Incident recovered = incidents.find(incident.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(recovered.temporaryMeasure()).isNull();
        assertThat(stepNotes(incident, "데이터베이스 열기")).contains("손상");
        assertThat(stepNotes(incident, "마운트 확인")).contains("미설정");
        assertThat(stepNotes(incident, "연결 문자열 확인")).contains("일치");
        assertThat(stepNotes(incident, "증상 확인")).contains("백업 복원");
        assertThat(stepNotes(incident, "백업 확인")).contains("백업 선택: " + files().backups().get(0).getFileName(), "RPO 목표");
        assertThat(stepNotes(incident, "예측 요청 확인")).contains("성공");
        assertThat(AccessFiles.open(files().database()).rowCounts()).isEqualTo(backupTables);
        assertThat(files().asideFiles()).singleElement().satisfies(aside ->
                assertThat(AccessFiles.open(aside).state()).isEqualTo(AccessFiles.State.DAMAGED));
        assertThat(recoveredBy(incident)).startsWith("백업 복원 (" + files().backups().get(0).getFileName());
        assertThat(incidents.checklist(incident.id())).as("the backup step wrote its code (TimelineCode.BACKUP_CHOSEN)")
                .filteredOn(item -> item.id().equals("backup-checked")).singleElement().satisfies(item -> {
                    assertThat(item.done()).isTrue();
                    assertThat(item.evidence()).startsWith("백업 확인: 백업 선택: " + files().backups().get(0).getFileName());
                });
    }

    @Test
    void aCopyTheDailyBackupSetAsideForWantOfAChecksumIsChosenByItsAgeWhenItOpens() throws IOException {
        // As an earlier daily backup left it: today's good copy renamed before its replacement existed.
        Path today = files().backups().get(0);
        Path setAside = today.resolveSibling(today.getFileName() + ".unverified-20261207-020000");
        Files.move(today, setAside);
        Map<String, Integer> tables = AccessFiles.open(setAside).rowCounts();
        overwriteHeader(files().database());
        Incident incident = open(FailureType.DATABASE_UNREACHABLE);
        runDueJobs();

        assertThat(stepNotes(incident, "백업 확인")).contains("백업 선택: " + setAside.getFileName(), "체크섬 없이 보관된 사본",
                "RPO 목표(24시간) 이내");
        assertThat(single(runbooksOf(incident))).hasPassed("Task_RestoreDatabase", "EndEvent_DatabaseRecovered")
                .hasNotPassed("UserTask_ApproveRestore");
        assertThat(AccessFiles.open(files().database()).rowCounts()).isEqualTo(tables);
        assertThat(setAside).as("the copy restored from stays where it was").exists();
    }

    @Test
    void damagedBackupsAreSkippedAndARestoreBeyondTheTargetWaitsForApprovalInReadOnlyMode() throws IOException {
        String configBefore = Files.readString(files().config());
        truncate(files().backups().get(0));
        Path yesterday = files().backups().get(1);
        overwriteHeader(files().database());
        Incident incident = open(FailureType.DATABASE_UNREACHABLE);
        runDueJobs();

        assertThat(stepNotes(incident, "백업 확인")).contains("백업 건너뜀: " + files().backups().get(0).getFileName(),
                "백업 선택: " + yesterday.getFileName(), "승인 필요");
        Task approval = task("UserTask_ApproveRestore");
        assertThat(tasks.getIdentityLinksForTask(approval.getId())).anyMatch(link -> "devops".equals(link.getGroupId()));
        assertThat(approval.getName()).contains("복원 승인", Incident.shortId(incident.id()));
        assertThat(Files.readString(files().config())).contains("read_only_mode: true");
        assertThat(incidents.find(incident.id()).orElseThrow().temporaryMeasure()).contains("읽기 전용");
        assertThat(probeBody()).contains("\"read_only\":true");

        tasks.complete(approval.getId(), Map.of("restoreDecision", "approve", "note", HostileValues.TEXT));
        runDueJobs();
        Task confirm = task("UserTask_ConfirmReadOnlyOff");
        assertThat(incidents.find(incident.id()).orElseThrow().temporaryMeasure()).as("still on until confirmed").isNotNull();
        tasks.complete(confirm.getId(), Map.of("readOnlyOffDecision", "switch-off"));
        runDueJobs();

        assertThat(single(runbooksOf(incident))).hasPassed("Task_RestoreDatabase", "Task_DisableReadOnlyMode",
                "EndEvent_DatabaseRecovered");
        Incident recovered = incidents.find(incident.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(recovered.temporaryMeasure()).isNull();
        assertThat(Files.readString(files().config())).isEqualTo(configBefore);
        assertThat(AccessFiles.open(files().database()).rowCounts()).isEqualTo(AccessFiles.open(yesterday).rowCounts());
        assertThat(stepNotes(incident, "복원 승인")).contains("approve", HostileValues.TEXT);
    }

    @Test
    void beyondTheAcceptableLimitTheCtoDecidesAndARejectionKeepsReadOnlyModeForAPerson() throws IOException {
        for (Path backup : files().backups()) {
            Files.setLastModifiedTime(backup, FileTime.from(start.minus(Duration.ofDays(4))));
        }
        overwriteHeader(files().database());
        Incident incident = open(FailureType.DATABASE_UNREACHABLE);
        runDueJobs();

        Task approval = task("UserTask_ApproveRestore");
        assertThat(tasks.getIdentityLinksForTask(approval.getId())).anyMatch(link -> "cto".equals(link.getGroupId()));
        tasks.complete(approval.getId(), Map.of("restoreDecision", "reject"));
        runDueJobs();

        Task manual = task("UserTask_ManualRecovery");
        assertThat(manual.getDescription()).contains("허용 한계", "읽기 전용 모드 전환: 켜짐");
        assertThat(incidents.find(incident.id()).orElseThrow().temporaryMeasure()).contains("읽기 전용");
        assertThat(single(runbooksOf(incident))).hasNotPassed("Task_RestoreDatabase");
        assertThat(AccessFiles.open(files().database()).state()).as("nothing moved").isEqualTo(AccessFiles.State.DAMAGED);
        assertThat(files().asideFiles()).isEmpty();
    }

    @Test
    void aWrongConnectionStringIsFixedInTheEnvFileNotByARestore() throws IOException {
        Path env = standinSettings.dir().resolve(DemoDatabase.ENV);
        String other = "# keep me ${x} $(id)\r\nLOG_LEVEL=INFO\n";
        Files.writeString(env, other + "ACCESS_CONNECTION_STRING=Driver={Microsoft Access Driver (*.mdb, *.accdb)};Dbq="
                + standinSettings.dir().resolve("elsewhere/$(id).accdb") + ";Uid=Admin;\nTAIL=1\n");
        FileTime databaseTime = Files.getLastModifiedTime(files().database());
        Incident incident = open(FailureType.DATABASE_UNREACHABLE);
        runDueJobs();

        assertThat(single(runbooksOf(incident))).hasPassed("Task_FixConnectionString", "EndEvent_DatabaseRecovered")
                .hasNotPassed("Task_FindBackup", "Task_RestoreDatabase");
        assertThat(stepNotes(incident, "연결 문자열 확인")).contains("다른 파일", "$(id)");
        assertThat(Files.readString(env)).startsWith(other).endsWith(";Uid=Admin;\nTAIL=1\n")
                .contains("Dbq=" + files().database().toAbsolutePath().normalize() + ";");
        assertThat(Files.getLastModifiedTime(files().database())).isEqualTo(databaseTime);
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
    }

    @Test
    void aHealthyFileWithTheRightStringThatStillFailsGoesToAPersonWithNothingMoved() throws IOException {
        Files.writeString(standinSettings.switchFile("db-fault"), "");
        Incident incident = open(FailureType.DATABASE_UNREACHABLE);
        runDueJobs();

        Task manual = task("UserTask_ManualRecovery");
        assertThat(manual.getDescription()).contains("데이터베이스 열기 (Jackcess): 테이블", "수동 복구 (파일과 연결 문자열은 정상)");
        assertThat(single(runbooksOf(incident))).hasNotPassed("Task_FindBackup", "Task_EnableReadOnlyMode",
                "Task_FixConnectionString");
        assertThat(files().asideFiles()).isEmpty();

        Files.delete(standinSettings.switchFile("db-fault"));
        tasks.complete(manual.getId(), Map.of("decision", "resolved"));
        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(recoveredBy(incident)).startsWith("수동 해결");
    }

    @Test
    void withoutTheSymptomNothingIsTouchedAndAPersonTriages() throws IOException {
        truncate(files().backups().get(0));
        Incident incident = open(FailureType.DATABASE_UNREACHABLE);
        runDueJobs();

        Task triage = task("UserTask_Triage");
        assertThat(triage.getName()).contains("증상 미확인");
        assertThat(stepNotes(incident, "증상 확인")).contains("증상 미확인");
        assertThat(single(runbooksOf(incident))).hasNotPassed("Task_FindBackup", "Task_EnableReadOnlyMode");
    }

    @Test
    void theHealthWatchDoesNotCallABrokenDatabaseRecoveredWhileAPersonDecides() throws IOException {
        for (Path backup : files().backups()) {
            Files.setLastModifiedTime(backup, FileTime.from(start.minus(Duration.ofDays(2))));
        }
        overwriteHeader(files().database());
        Incident incident = open(FailureType.DATABASE_UNREACHABLE);
        runDueJobs();
        task("UserTask_ApproveRestore");

        advance(Duration.ofMinutes(5));

        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(task("UserTask_ApproveRestore")).isNotNull();
    }

    @Test
    void atTheRtoFallbackTheHighestTierSwitchesToReadOnlyModeWhileThePersonKeepsRecovering() throws IOException {
        Files.writeString(standinSettings.switchFile("db-fault"), "");
        Incident incident = open(FailureType.DATABASE_UNREACHABLE);
        runDueJobs();
        task("UserTask_ManualRecovery");

        advance(Duration.ofHours(3));

        Task approve = task("UserTask_ApproveLastResort");
        assertThat(approve.getDescription()).contains("읽기 전용 모드");
        assertThat(tasks.getIdentityLinksForTask(approve.getId())).anyMatch(link -> "cto".equals(link.getGroupId()));
        tasks.complete(approve.getId(), Map.of("lastResortDecision", "apply"));
        runDueJobs();

        assertThat(single(runbooksOf(incident))).hasPassed("Task_LastResortReadOnly", "Task_LastResortRestart",
                "EndEvent_LastResortApplied");
        assertThat(task("UserTask_ManualRecovery")).as("the recovery goes on").isNotNull();
        assertThat(Files.readString(files().config())).contains("read_only_mode: true");
        assertThat(incidents.find(incident.id()).orElseThrow().temporaryMeasure()).contains("읽기 전용");

        Files.delete(standinSettings.switchFile("db-fault"));
        tasks.complete(task("UserTask_ManualRecovery").getId(), Map.of("decision", "resolved"));
        runDueJobs();
        tasks.complete(task("UserTask_ConfirmReadOnlyOff").getId(), Map.of("readOnlyOffDecision", "switch-off"));
        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(incidents.find(incident.id()).orElseThrow().temporaryMeasure()).isNull();
        assertThat(Files.readString(files().config())).contains("read_only_mode: false");
    }

    static void overwriteHeader(Path file) throws IOException {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.seek(0);
            access.write(new byte[4096]);
        }
    }

    static void truncate(Path file) throws IOException {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.setLength(access.length() / 3);
        }
    }

    private String probeBody() {
        return probe.request(java.net.URI.create("http://127.0.0.1:"
                + STANDIN_PORT + "/api/predict"), "GET", Map.of(), null, Duration.ofSeconds(2)).body();
    }

    private Task task(String key) {
        List<Task> found = tasks.createTaskQuery().taskDefinitionKey(key).list();
        assertThat(found).as(key).hasSize(1);
        return found.get(0);
    }

    private List<HistoricInstance> runbooksOf(Incident incident) {
        return runbooksOf(incident, RUNBOOK);
    }
}
