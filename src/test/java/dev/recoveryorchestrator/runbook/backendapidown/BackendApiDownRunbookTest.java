package dev.recoveryorchestrator.runbook.backendapidown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HistoricInstance;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code runbook-backend-api-down.bpmn} (Type 1): diagnosis steps, restart, bounded health check, log watch, and
 * the manual recovery choices. The target is the stand-in backend, a real process.
 */
class BackendApiDownRunbookTest extends EngineTestSupport {

    static final String RUNBOOK = "runbook-backend-api-down";

    @Autowired
    HealthProbe probe;

    @Test
    void diagnosesThenRestartsAKilledBackend() {
        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();

        HistoricInstance runbook = single(runbooksOf(incident));
        assertThat(runbook).hasPassedInOrder("Task_CheckBackendProcess", "Task_ReadBackendLog", "Task_CheckBackendPort",
                "Task_RestartBackend", "Task_BackendHealthCheck", "Task_StartLogWatch", "EndEvent_ServiceRestored");
        Incident recovered = incidents.find(incident.id()).orElseThrow();
        assertThat(recovered.state()).as("recovered at the passing health check, before the log watch ends")
                .isEqualTo(IncidentState.RECOVERED);
        assertThat(recoveredBy(incident)).isEqualTo("서비스 재시작");
        assertThat(recovered.recoveredAt()).as("the downtime ends at the first passing check")
                .isEqualTo(healthyAt(runbook));
        HistoricInstance watch = logWatchOf(incident);
        assertThat(watch).hasNotPassed("Task_ScanBackendLog");

        advance(Duration.ofSeconds(3));

        assertThat(watch).hasPassedInOrder("Timer_LogWatchWindow", "Task_ScanBackendLog", "EndEvent_LogClean");
        assertThat(stepNotes(incident, "로그 모니터링")).contains("오류 없음");
        assertThat(runbook).hasNotPassed("UserTask_ManualRecovery", "Task_RollbackBackend");
        assertThat(stepNotes(incident, "프로세스 확인")).contains("실행 중이 아님");
        assertThat(stepNotes(incident, "포트 상태 확인")).contains("응답 없음");
        assertThat(stepNotes(incident, "로그 확인")).contains("Uvicorn running");
        assertThat(probe.check(healthUrl(), Duration.ofSeconds(2)).healthy()).isTrue();
    }

    @Test
    void theMonitorsFreshFailedChecksAreTheConfirmationAPersonsReportAndStaleOnesAreCheckedAgain() throws Exception {
        killStandin();
        Incident byTheMonitor = openAsTheMonitor();
        runDueJobs();

        assertThat(stepNotes(byTheMonitor, "증상 확인")).contains("헬스 모니터가", "다시 확인하지 않음")
                .doesNotContain("3회 모두 실패");
        assertThat(incidents.find(byTheMonitor.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);

        killStandin();
        Incident stale = openAsTheMonitor();
        advance(Duration.ofSeconds(16));
        assertThat(stepNotes(stale, "증상 확인")).as("older than recovery.health-check.monitor-evidence (PT15S)")
                .contains("3회 모두 실패").doesNotContain("헬스 모니터가");

        killStandin();
        Incident byAPerson = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        assertThat(stepNotes(byAPerson, "증상 확인")).contains("3회 모두 실패").doesNotContain("헬스 모니터가");
    }

    private Incident openAsTheMonitor() {
        return incidents.open(new dev.recoveryorchestrator.incident.IncidentRequest(FailureType.BACKEND_API_DOWN,
                dev.recoveryorchestrator.incident.Scope.WHOLE, "/api/health 응답 없음", "health-monitor", null,
                dev.recoveryorchestrator.config.EngineClock.now().minusSeconds(2), true))
                .incident();
    }

    @Test
    void aBackendThatStaysUnhealthyGetsAManualRecoveryTaskWithTheFindings() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();

        Task manual = manualTask();
        assertThat(manual.getName()).contains("수동 복구", incident.id().substring(0, 8));
        assertThat(manual.getDescription()).contains("프로세스 확인: 실행 중", "포트 상태 확인", "LISTEN", "헬스 체크: 3회 실패",
                "HTTP 503");
        assertThat(tasks.getIdentityLinksForTask(manual.getId())).anyMatch(link -> "devops".equals(link.getGroupId()));
        assertThat(single(runbooksOf(incident))).hasNotPassed("Task_StartLogWatch", "Task_RollbackBackend");
    }

    @Test
    void rollsBackOnlyWhenAPersonChoosesIt() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        assertThat(single(runbooksOf(incident))).hasNotPassed("Task_RollbackBackend");

        healStandin();
        tasks.complete(manualTask().getId(), Map.of("decision", "rollback"));
        runDueJobs();
        advance(Duration.ofSeconds(3));

        assertThat(single(runbooksOf(incident))).hasPassed("Task_RollbackBackend").isEnded();
        assertThat(probe.check(healthUrl(), Duration.ofSeconds(2)).detail()).contains(standinSettings.stableVersion());
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(history.createHistoricVariableInstanceQuery().variableName("recoveredBy")
                .processInstanceId(incident.processInstanceId()).singleResult().getValue()).isEqualTo("롤백");
    }

    @Test
    void errorsInTheLogAfterARestartOpenARelapseThatAPersonDecides() throws Exception {
        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        Files.writeString(WORK.resolve("standin").resolve("backend.log"),
                "2026-01-01 00:00:00,000 ERROR backend.run_api: Failed to load model\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        advance(Duration.ofSeconds(3));

        assertThat(logWatchOf(incident)).hasPassed("Task_ScanBackendLog", "Task_OpenRelapse");
        assertThat(incidents.find(incident.id()).orElseThrow().state()).as("the recovery stays as it happened")
                .isEqualTo(IncidentState.RECOVERED);
        assertThat(stepNotes(incident, "재발")).contains("Failed to load model", "재발 장애");
        Incident relapse = incidents.findOpen(FailureType.BACKEND_API_DOWN).orElseThrow();
        assertThat(incidents.relapseOf(relapse.id())).contains(incident.id());
        assertThat(relapse.summary()).contains("Failed to load model");
        assertThat(relapse.symptomConfirmedAt()).as("errors in a log are no failed health check").isNull();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(relapse.id()).list())
                .as("the first tier hears of it: the tier task, and the triage since the backend answers")
                .extracting(Task::getTaskDefinitionKey).contains("UserTask_TierResponse", "UserTask_Triage");
    }

    /**
     * Errors the backend logs while the restart runs (the old process's last failed requests) are the outage that the
     * restart ends, not a relapse: the log watch reads what comes after the health check passed.
     */
    @Test
    void errorsLoggedBeforeTheServiceAnsweredAgainAreNoRelapse() throws Exception {
        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        for (int round = 0; round < 200 && jdbc.queryForObject("select count(*) from ro_background_work",
                Integer.class) == 0; round++) {
            List<org.camunda.bpm.engine.runtime.Job> due = management.createJobQuery().executable().list();
            assertThat(due).as("jobs until the restart is under way").isNotEmpty();
            management.executeJob(due.get(0).getId());
        }
        Files.writeString(WORK.resolve("standin").resolve("backend.log"),
                "2026-01-01 00:00:00,000 ERROR backend.run_api: request failed while the service was down\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        advance(Duration.ofSeconds(3));

        assertThat(logWatchOf(incident)).hasPassed("Task_ScanBackendLog").hasNotPassed("Task_OpenRelapse");
        assertThat(incidents.findOpen(FailureType.BACKEND_API_DOWN)).as("no relapse").isEmpty();
    }

    @Test
    void resolvedByHandCountsOnlyWhenTheHealthCheckPasses() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();

        tasks.complete(manualTask().getId(), Map.of("decision", "resolved"));
        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(runbooksOf(incident)).hasSize(2);
        assertThat(runbooksOf(incident).get(0)).hasPassed("EndEvent_ResolvedByHand");

        healStandin();
        tasks.complete(manualTask().getId(), Map.of("decision", "resolved"));
        runDueJobs();

        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(history.createHistoricVariableInstanceQuery().variableName("recoveredBy")
                .processInstanceId(incident.processInstanceId()).singleResult().getValue().toString()).startsWith("수동 해결");
    }

    private Task manualTask() {
        return tasks.createTaskQuery().taskDefinitionKey("UserTask_ManualRecovery").singleResult();
    }

    private List<HistoricInstance> runbooksOf(Incident incident) {
        return runbooksOf(incident, RUNBOOK);
    }

    /** When the runbook's health check after the restart passed: the end of its job, from history. */
    private java.time.Instant healthyAt(HistoricInstance runbook) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(runbook.getId())
                .activityId("Task_StartLogWatch").singleResult().getStartTime().toInstant();
    }

    private HistoricInstance logWatchOf(Incident incident) {
        return new HistoricInstance(history.createHistoricProcessInstanceQuery().processDefinitionKey("backend-log-watch")
                .processInstanceBusinessKey(incident.id()).singleResult());
    }

    private URI healthUrl() {
        return URI.create("http://127.0.0.1:" + STANDIN_PORT + "/api/health");
    }
}
