package dev.recoveryorchestrator.runbook.modelcorruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HistoricInstance;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code runbook-model-corruption.bpmn} (Type 5) against the stand-in's real model files, freshly seeded for each
 * test (a version 7 days old with manifests, one 40 days old without, {@code latest/} a copy of the newer): the
 * stand-in loads {@code latest/model.pkl} on every predict, restarts are real, the demo's load check and retrain are
 * separate JVMs.
 */
class ModelCorruptionRunbookTest extends EngineTestSupport {

    static final String RUNBOOK = "runbook-model-corruption";
    static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("'v'yyyyMMdd");
    Path models;
    Path dataset;
    String newer;
    String older;

    /** The demo's versions, which every test gets afresh ({@link #freshDemoData()}), dated in the tests' zone. */
    @BeforeEach
    void demoVersions() {
        models = standinSettings.modelDir();
        dataset = models.resolveSibling("data").resolve("training_dataset.csv");
        LocalDate today = start.atZone(ZONE).toLocalDate();
        newer = VERSION.format(today.minusDays(7));
        older = VERSION.format(today.minusDays(40));
    }

    @AfterEach
    void switchOff() throws IOException {
        Files.deleteIfExists(standinSettings.switchFile("model-fault"));
    }

    @Test
    void aTruncatedModelIsReplacedByTheNewestVerifiedVersionAndPredictWorksAgain() throws IOException {
        ModelFiles.truncate(latestModel());
        byte[] damaged = Files.readAllBytes(latestModel());
        Incident incident = open(FailureType.MODEL_CORRUPTION);
        runDueJobs();

        assertThat(single(runbooksOf(incident))).hasPassedInOrder("Task_ListModelVersions", "Task_VerifyLatestModel",
                "Task_ConfirmModelCorruption", "Task_SelectModelVersion", "Task_InstallModelVersion", "Task_RestartBackend",
                "Task_BackendHealthCheck", "Task_CheckPredict", "EndEvent_ModelRestored")
                .hasNotPassed("CallActivity_RetrainModel", "UserTask_ManualRecovery", "UserTask_Triage");
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(Files.readAllBytes(latestModel())).isEqualTo(Files.readAllBytes(models.resolve(newer).resolve("model.pkl")));
        assertThat(asides()).singleElement().satisfies(aside -> assertThat(Files.readAllBytes(aside)).isEqualTo(damaged));
        assertThat(stepNotes(incident, "모델 파일 확인")).contains(older + ": 체크섬 목록 작성");
        assertThat(stepNotes(incident, "파일 무결성 확인")).contains("잘린 파일", "md5 불일치", "로드 확인 실패", "Failed to load model");
        assertThat(stepNotes(incident, "증상 확인")).contains("파일 손상", "Model not found");
        assertThat(stepNotes(incident, "백업 복사")).contains(newer + " → latest/ 설치", "model.pkl.damaged-");
        assertThat(stepNotes(incident, "예측 확인")).contains("성공", "HTTP 200");
        assertThat(recoveredBy(incident)).isEqualTo("백업 복사 (" + newer + ")");
    }

    @Test
    void withNoRecentVersionThatVerifiesTheModelIsRetrainedAsTrackedWorkAndItsOutputVerified() throws IOException {
        ModelFiles.truncate(latestModel());
        ModelFiles.flipMiddleByte(models.resolve(newer).resolve("model.pkl"));
        Incident incident = open(FailureType.MODEL_CORRUPTION);
        runDueJobs();

        assertThat(single(runbooksOf(incident))).hasPassedInOrder("Task_SelectModelVersion", "CallActivity_RetrainModel",
                "Task_VerifyRetrainedModel", "Task_InstallModelVersion", "Task_RestartBackend", "Task_CheckPredict",
                "EndEvent_ModelRestored");
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(stepNotes(incident, "이전 버전 확인")).contains(newer + ": ", "md5 불일치", older, "재학습");
        assertThat(jdbc.queryForObject(
                "select state from ro_background_work where action_name = 'retrain-model' and reference = ?", String.class,
                incident.id()))
                .isEqualTo("SUCCEEDED");
        assertThat(stepNotes(incident, "모델 재학습")).contains("epoch 5/5", "saved");
        assertThat(stepNotes(incident, "재학습 모델 검증")).contains("로드 확인 통과", "체크섬 목록 작성");
        assertThat(Files.readAllBytes(latestModel()))
                .isEqualTo(Files.readAllBytes(models.resolve("emergency-retrain").resolve("model.pkl")));
        assertThat(models.resolve(newer).resolve("model.pkl")).as("the damaged version is kept as it is").exists();
        assertThat(asides()).hasSize(1);
        assertThat(recoveredBy(incident)).isEqualTo("모델 재학습 (emergency-retrain)");
    }

    @Test
    void aFailedRetrainHandsOverAndAPersonMayInstallTheOlderVersionButNothingElse() throws IOException {
        ModelFiles.truncate(latestModel());
        ModelFiles.flipMiddleByte(models.resolve(newer).resolve("model.pkl"));
        Files.move(dataset, dataset.resolveSibling("moved-away.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Incident incident = open(FailureType.MODEL_CORRUPTION);
        runDueJobs();

        Task manual = manualTask();
        assertThat(manual.getName()).contains("수동 복구", "모델 파일 손상");
        assertThat(manual.getDescription()).contains("재학습 모델 검증: 재학습 실패", "보존 기한이 지난 검증된 버전: " + older);
        byte[] before = Files.readAllBytes(latestModel());
        tasks.complete(manual.getId(), Map.of("decision", "install", "modelVersion", "../" + newer));
        runDueJobs();
        assertThat(Files.readAllBytes(latestModel())).as("nothing installed").isEqualTo(before);
        assertThat(stepNotes(incident, "백업 복사")).contains("설치 안 함");

        tasks.complete(manualTask().getId(), Map.of("decision", "install", "modelVersion", newer));
        runDueJobs();
        assertThat(stepNotes(incident, "백업 복사")).contains("검증 실패, 사용하지 않음");

        tasks.complete(manualTask().getId(), Map.of("decision", "install", "modelVersion", older));
        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(Files.readAllBytes(latestModel())).isEqualTo(Files.readAllBytes(models.resolve(older).resolve("model.pkl")));
        assertThat(recoveredBy(incident)).isEqualTo("백업 복사 (" + older + ")");
    }

    @Test
    void theHealthWatchDoesNotCallABrokenModelRecoveredWhileAPersonDecides() throws IOException {
        ModelFiles.truncate(latestModel());
        ModelFiles.flipMiddleByte(models.resolve(newer).resolve("model.pkl"));
        Files.move(dataset, dataset.resolveSibling("moved-away.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Incident incident = open(FailureType.MODEL_CORRUPTION);
        runDueJobs();
        assertThat(manualTask()).isNotNull();

        advance(Duration.ofMinutes(5));

        assertThat(incidents.find(incident.id()).orElseThrow().state()).as("/api/health answers all along")
                .isEqualTo(IncidentState.OPEN);
        assertThat(manualTask()).isNotNull();
    }

    @Test
    void theServicesSymptomWithoutDamageToTheFileIsNotConfirmedAndNothingIsMoved() throws IOException {
        // what the broken service says is data: placeholders, shell words, line breaks stay text
        Files.writeString(standinSettings.switchFile("model-fault"), dev.recoveryorchestrator.HostileValues.LINES);
        byte[] before = Files.readAllBytes(latestModel());
        Incident incident = open(FailureType.MODEL_CORRUPTION);
        runDueJobs();

        assertThat(single(runbooksOf(incident))).hasPassed("Task_ConfirmModelCorruption")
                .hasNotPassed("Task_SelectModelVersion", "Task_InstallModelVersion", "Task_RestartBackend");
        assertThat(tasks.createTaskQuery().taskDefinitionKey("UserTask_Triage").singleResult().getDescription())
                .contains("증상 미확인", "파일 이상 없음", "모델 로드 실패");
        assertThat(stepNotes(incident, "파일 무결성 확인")).contains(": 체크섬 일치", "로드 확인 성공");
        assertThat(Files.readAllBytes(latestModel())).isEqualTo(before);
        assertThat(asides()).isEmpty();
        assertThat(stepNotes(incident, "증상 확인")).contains("${x}", "$(id)");
        assertThat(management.createJobQuery().withException().list()).as("failed jobs").isEmpty();
    }

    @Test
    void atTheRtoFallbackTheHighestTierMayApproveThePreviousVersionWhateverItsAge() throws IOException {
        ModelFiles.truncate(latestModel());
        ModelFiles.flipMiddleByte(models.resolve(newer).resolve("model.pkl"));
        Files.move(dataset, dataset.resolveSibling("moved-away.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Incident incident = open(FailureType.MODEL_CORRUPTION);
        runDueJobs();
        assertThat(manualTask()).isNotNull();

        advance(java.time.Duration.ofHours(3));

        Task approve = tasks.createTaskQuery().taskDefinitionKey("UserTask_ApproveLastResort").singleResult();
        assertThat(approve.getName()).contains("최후 수단 승인", "모델 파일 손상");
        assertThat(approve.getDescription()).contains("이전 버전 설치", "보존 기한이 지났어도");
        tasks.complete(approve.getId(), Map.of("lastResortDecision", "apply"));
        runDueJobs();

        assertThat(single(runbooksOf(incident))).hasPassedInOrder("EndEvent_ApplyLastResort", "Task_VerifyBeforeLastResort",
                "Task_ConfirmBeforeLastResort", "Task_LastResortInstall", "Task_LastResortRestart",
                "Task_LastResortCheckPredict", "EndEvent_LastResortRecovered").isEnded();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(Files.readAllBytes(latestModel())).isEqualTo(Files.readAllBytes(models.resolve(older).resolve("model.pkl")));
        assertThat(asides()).hasSize(1);
        assertThat(recoveredBy(incident)).isEqualTo("최후 수단: 이전 버전 설치");
    }

    private Path latestModel() {
        return models.resolve("latest").resolve("model.pkl");
    }

    private List<Path> asides() throws IOException {
        try (Stream<Path> files = Files.list(models.resolve("latest"))) {
            return files.filter(file -> file.getFileName().toString().startsWith("model.pkl.damaged-")).toList();
        }
    }

    private Task manualTask() {
        return tasks.createTaskQuery().taskDefinitionKey("UserTask_ManualRecovery").singleResult();
    }

    private List<HistoricInstance> runbooksOf(Incident incident) {
        return runbooksOf(incident, RUNBOOK);
    }
}
