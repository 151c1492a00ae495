package dev.recoveryorchestrator.runbook.containerfailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HistoricInstance;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code runbook-container-failure.bpmn} (Type 4) through the shared lifecycle. The docker steps talk to a fake
 * {@code docker} executable ({@link FakeComposeDocker}: no Docker engine here) that records its arguments and answers
 * with real recorded output; the compose steps are the demo's stand-in actions, so the stand-in backend (a real
 * process) is stopped and started again; the port conflict is real: a {@code python3 -m http.server} squatting the
 * stand-in's loopback port, stopped only after approval.
 */
class ContainerFailureRunbookTest extends EngineTestSupport {

    static final String RUNBOOK = "runbook-container-failure";
    static final String PREDICTOR_ID = "3f2a9c1b7d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
    static final String FRONTEND_ID = "8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f";

    Process squatter;

    @BeforeEach
    void everythingRunning() throws IOException {
        FakeComposeDocker.answers(WORK, running(), "", "routing-ml_models\nrouting-ml_cache\n");
    }

    @AfterEach
    void squatterGone() {
        if (squatter != null && squatter.isAlive()) {
            squatter.destroyForcibly();
        }
    }

    @Test
    void anExitedPredictorIsTakenDownCleanedUpByItsProjectLabelRebuiltAndRecovered() throws IOException {
        FakeComposeDocker.answers(WORK, FakeComposeDocker.container("predictor", "3f2a9c1b7d4e", "exited",
                "Exited (137) 5 minutes ago") + "\n" + FakeComposeDocker.container("frontend", "8e7d6c5b4a39", "running",
                "Up 2 hours") + "\n", PREDICTOR_ID + "\n" + FRONTEND_ID + "\n" + "$(id); rm -rf /\n../..\n",
                "routing-ml_models\n");
        Incident incident = open(FailureType.CONTAINER_FAILURE);
        runDueJobs();

        HistoricInstance runbook = single(runbooksOf(incident));
        assertThat(runbook).hasPassedInOrder("Task_ListContainers", "Task_ReadContainerLogs", "Task_FindPortHolders",
                "Task_ListVolumes", "Task_ConfirmContainerFailure", "Task_GrantAutomaticRecovery", "Task_ComposeDown",
                "Task_RemoveLeftoverContainers", "Task_RebuildAndStart", "Task_CheckVolumes", "Task_HealthCheck",
                "EndEvent_Recovered");
        assertThat(runbook).hasNotPassed("UserTask_ApproveStop", "Task_StopPortHolder", "UserTask_ManualRecovery");
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(stepNotes(incident, "컨테이너 상태 확인")).contains("predictor exited (exit 137), frontend running");
        assertThat(stepNotes(incident, "증상 확인")).contains("컨테이너 없음 또는 중지");
        assertThat(stepNotes(incident, "잔여 컨테이너 제거")).contains("2개 제거", "컨테이너 ID가 아닌 출력 2줄 무시");
        assertThat(FakeComposeDocker.calls(WORK)).contains(
                "ps -a --filter label=com.docker.compose.project=routing-ml --format json",
                "ps -a --no-trunc --filter label=com.docker.compose.project=routing-ml -q",
                "rm -f " + PREDICTOR_ID + " " + FRONTEND_ID, "volume ls --format {{.Name}}");
        assertThat(FakeComposeDocker.calls(WORK)).as("never unfiltered, nothing from the listing but ids")
                .noneMatch(call -> call.equals("ps -aq") || call.contains("$(id)") || call.contains(".."));
        assertThat(String.join("\n", timelineSteps(incident))).contains("컨테이너 중지 및 정리", "재빌드 및 시작");
    }

    @Test
    void aForeignProcessOnThePortIsShownAndStoppedOnlyAfterApprovalThenRecoveryGoesOn() throws Exception {
        killStandin();
        squatter = squat("--directory", WORK.toString());
        Incident incident = open(FailureType.CONTAINER_FAILURE);
        runDueJobs();

        Task approval = approvalTask(incident);
        assertThat(approval.getDescription()).contains("pid " + squatter.pid(), "http.server", "--bind 127.0.0.1",
                "사용자 " + System.getProperty("user.name"));
        assertThat(squatter.isAlive()).as("nothing stopped before approval").isTrue();
        assertThat(stepNotes(incident, "증상 확인")).contains("다른 프로세스가 포트 점유");

        tasks.complete(approval.getId(), Map.of("stopDecision", "approve"));
        runDueJobs();

        assertThat(squatter.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        HistoricInstance runbook = single(runbooksOf(incident));
        assertThat(runbook).hasPassedInOrder("UserTask_ApproveStop", "Task_StopPortHolder", "Task_RecheckPortHolders",
                "Task_ComposeDown", "Task_RebuildAndStart", "Task_HealthCheck", "EndEvent_Recovered");
        assertThat(stepNotes(incident, "포트 점유 프로세스 중지")).contains("pid " + squatter.pid(), "포트 " + STANDIN_PORT + " 비어 있음");
        assertThat(stepNotes(incident, "포트 점유 프로세스 중지 승인")).contains("승인 (");
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(standin.process()).isPresent();
    }

    @Test
    void aRefusedStopLeavesTheProcessAloneAndHandsOverToAPerson() throws Exception {
        killStandin();
        squatter = squat();
        Incident incident = open(FailureType.CONTAINER_FAILURE);
        runDueJobs();

        tasks.complete(approvalTask(incident).getId(), Map.of("stopDecision", "refuse"));
        runDueJobs();

        assertThat(squatter.isAlive()).isTrue();
        Task manual = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_ManualRecovery").singleResult();
        assertThat(manual.getDescription()).contains("포트 점유 프로세스 중지: 거부");
        assertThat(single(runbooksOf(incident))).hasNotPassed("Task_StopPortHolder", "Task_ComposeDown");
    }

    @Test
    void aProtectedProcessOnThePortIsNeverStoppedNorOfferedForApproval() throws Exception {
        killStandin();
        squatter = squat("--directory", WORK.resolve("postgres").toString());
        Incident incident = open(FailureType.CONTAINER_FAILURE);
        runDueJobs();

        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_ApproveStop").count()).isZero();
        Task manual = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_ManualRecovery").singleResult();
        assertThat(manual.getDescription()).contains("보호 대상 (중지하지 않음)", "pid " + squatter.pid());
        assertThat(squatter.isAlive()).isTrue();
    }

    @Test
    void withEverythingRunningNothingIsTouchedAndAPersonTriages() throws IOException {
        Incident incident = open(FailureType.CONTAINER_FAILURE);
        runDueJobs();

        HistoricInstance runbook = single(runbooksOf(incident));
        assertThat(runbook).hasPassed("Task_ConfirmContainerFailure").hasNotPassed("Task_ComposeDown",
                "Task_RemoveLeftoverContainers", "Task_StopPortHolder");
        assertThat(stepNotes(incident, "포트 점유 확인")).contains("서비스 자체 프로세스");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_Triage").count()).isOne();
        assertThat(FakeComposeDocker.calls(WORK)).noneMatch(call -> call.startsWith("rm"));
    }

    @Test
    void theManualChoiceOfTheLastKnownGoodRebuildRunsItAndRecovers() throws IOException {
        FakeComposeDocker.answers(WORK, FakeComposeDocker.container("predictor", "3f2a9c1b7d4e", "exited",
                "Exited (1) 1 minute ago") + "\n", "", "");
        Incident incident = open(FailureType.CONTAINER_FAILURE);
        runDueJobs();
        Task manual = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_ManualRecovery").singleResult();
        assertThat(manual.getDescription()).contains("볼륨 확인 (재빌드 후): 없음 [routing-ml_models]");

        tasks.complete(manual.getId(), Map.of("decision", "rollback"));
        runDueJobs();

        assertThat(single(runbooksOf(incident))).hasPassed("Task_RebuildLastKnownGood", "EndEvent_Recovered");
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
    }

    @Test
    void hostileContainerListingsAreRecordedAsData() throws IOException {
        String hostile = "${x} #{x} $(id) ; id ../.. \r\nBcc: x \u0000 " + "y".repeat(100 * 1024);
        FakeComposeDocker.answers(WORK, "{\"Service\":\"predictor\",\"State\":\"" + hostile.replace("\r\n", "\\r\\n")
                .replace("\u0000", "\\u0000") + "\",\"Status\":\"Exited (1) " + hostile.substring(0, 20) + "\"}\n"
                + hostile + "\n", hostile + "\n", hostile + "\n");
        Incident incident = open(FailureType.CONTAINER_FAILURE);
        runDueJobs();

        assertThat(management.createJobQuery().withException().count()).isZero();
        assertThat(stepNotes(incident, "컨테이너 상태 확인")).contains("predictor", "frontend 없음").doesNotContain("$(id)");
        assertThat(stepNotes(incident, "잔여 컨테이너 제거")).contains("프로젝트의 잔여 컨테이너 없음", "1줄 무시");
        assertThat(FakeComposeDocker.calls(WORK)).noneMatch(call -> call.startsWith("rm"));
    }

    private Process squat(String... more) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("python3", "-m", "http.server", "--bind", "127.0.0.1"));
        command.addAll(List.of(more));
        command.add(String.valueOf(STANDIN_PORT));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> listening());
        return process;
    }

    private static boolean listening() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", STANDIN_PORT), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Task approvalTask(Incident incident) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_ApproveStop").singleResult();
        assertThat(task).as("approval task").isNotNull();
        assertThat(task.getName()).contains("포트 점유 프로세스 중지 승인", incident.id().substring(0, 8));
        return task;
    }

    private static String running() {
        return FakeComposeDocker.container("predictor", "3f2a9c1b7d4e", "running", "Up 2 hours") + "\n"
                + FakeComposeDocker.container("frontend", "8e7d6c5b4a39", "running", "Up 2 hours") + "\n";
    }

    private List<HistoricInstance> runbooksOf(Incident incident) {
        return runbooksOf(incident, RUNBOOK);
    }

    private List<String> timelineSteps(Incident incident) {
        return incidents.timeline(incident.id()).stream().map(entry -> entry.step() + ": " + entry.detail()).toList();
    }
}
