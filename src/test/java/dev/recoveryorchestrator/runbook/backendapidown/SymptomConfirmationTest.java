package dev.recoveryorchestrator.runbook.backendapidown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HistoricInstance;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
import dev.recoveryorchestrator.incident.AutomaticAttempts;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Act only on a confirmed symptom: Type 1 restarts production only after its own checks found {@code /api/health}
 * failing. Unconfirmed, a person triages (go ahead, reclassify, false alarm); confirmed, automatic restarts are
 * capped per incident and per type and hour.
 */
class SymptomConfirmationTest extends EngineTestSupport {

    @Autowired
    RepositoryService repository;

    @Autowired
    AutomaticAttempts attempts;

    @Test
    void aHealthyBackendReportedDownByAPersonIsNotRestartedButTriaged() {
        long pid = standin.process().orElseThrow().pid();
        Incident incident = openByHand("프론트엔드 서버 연결 실패");
        runDueJobs();

        HistoricInstance runbook = runbookOf(incident);
        assertThat(runbook).hasPassedInOrder("Task_CheckBackendPort", "Task_ConfirmBackendDown")
                .hasNotPassed("Task_RestartBackend", "Task_GrantAutomaticRestart");
        Task triage = triageTask();
        assertThat(triage.getName()).contains("증상 미확인", Incident.shortId(incident.id()));
        assertThat(triage.getDescription()).contains("증상 확인: /api/health 정상 응답");
        assertThat(tasks.getIdentityLinksForTask(triage.getId())).anyMatch(link -> "devops".equals(link.getGroupId()));
        assertThat(standin.process().orElseThrow().pid()).as("not restarted").isEqualTo(pid);
        assertThat(incidents.find(incident.id()).orElseThrow().symptomConfirmedAt()).isNull();

        advance(Duration.ofMinutes(5));
        assertThat(incidents.find(incident.id()).orElseThrow().state()).as("passing checks of an unconfirmed incident "
                + "are not a recovery").isEqualTo(IncidentState.OPEN);
    }

    @Test
    void aFalseAlarmIsClosedAndTheUsersAreTold() {
        Incident incident = openByHand("오경보 테스트");
        runDueJobs();
        TestMail.purge();

        tasks.complete(triageTask().getId(), Map.of("triageDecision", "false-alarm", "triageNote", "사용자 PC 문제 ${x}"));
        runDueJobs();

        Incident closed = incidents.find(incident.id()).orElseThrow();
        assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
        assertThat(closed.closedReason()).isEqualTo("오경보: 사용자 PC 문제 ${x}");
        assertThat(new HistoricInstance(history.createHistoricProcessInstanceQuery()
                .processInstanceId(incident.processInstanceId()).singleResult()))
                .hasPassed("Task_CloseIncident", "SendTask_NotifyUsersClosed", "EndEvent_IncidentClosed")
                .hasNotPassed("Task_RecordRecovery").isEnded();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incident.id()).count()).isZero();
        Received mail = TestMail.received().stream().filter(m -> m.subject().startsWith("[장애 종료]")).findFirst().orElseThrow();
        assertThat(mail.to()).contains("users@routing-ml.test");
        assertThat(mail.body()).contains("오경보: 사용자 PC 문제 ${x}");
    }

    @Test
    void reclassifyingOpensTheOtherTypesIncidentAndClosesThisOne() {
        try { // Type 2's runbook is deployed: the reclassified incident starts it
            Incident incident = openByHand("Database connection failed 로그");
            runDueJobs();

            tasks.complete(triageTask().getId(), Map.of("triageDecision", "reclassify",
                    "reclassifyTo", "database-unreachable", "triageNote", "DB 문제"));
            runDueJobs();

            Incident closed = incidents.find(incident.id()).orElseThrow();
            assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
            List<Incident> open = incidents.list(java.util.Optional.of(IncidentState.OPEN));
            Incident successor = open.stream().filter(i -> i.type() == FailureType.DATABASE_UNREACHABLE).findFirst().orElseThrow();
            assertThat(successor.summary()).contains(Incident.shortId(incident.id()), "Database connection failed 로그");
            assertThat(successor.source()).isEqualTo("reclassified");
            assertThat(closed.closedReason()).contains("재분류", successor.id(), "DB 문제");
        } finally {
            runtime.createProcessInstanceQuery().processDefinitionKey(FailureType.DATABASE_UNREACHABLE.runbookProcessKey())
                    .list().forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test"));
            runtime.createProcessInstanceQuery().rootProcessInstances().list()
                    .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test cleanup"));
        }
    }

    @Test
    void aReclassificationToATypeWithoutItsRunbookOrToTheSameTypeIsRefusedAndTheTaskStays() {
        Incident incident = openByHand("x");
        runDueJobs();
        String triage = triageTask().getId();

        // A type whose runbook is suspended (as in Cockpit) cannot take the incident.
        repository.suspendProcessDefinitionByKey(FailureType.MODEL_CORRUPTION.runbookProcessKey());
        try {
            assertThatThrownBy(() -> tasks.complete(triage, Map.of("triageDecision", "reclassify", "reclassifyTo",
                    "model-corruption"))).isInstanceOf(ProcessEngineException.class).hasMessageContaining("중지되어");
        } finally {
            repository.activateProcessDefinitionByKey(FailureType.MODEL_CORRUPTION.runbookProcessKey());
        }
        assertThatThrownBy(() -> tasks.complete(triage, Map.of("triageDecision", "reclassify", "reclassifyTo", "backend-api-down")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("같습니다");
        assertThatThrownBy(() -> tasks.complete(triage, Map.of("triageDecision", "reclassify")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reclassifyTo");
        assertThatThrownBy(() -> tasks.complete(triage, Map.of("triageDecision", "$(id)")))
                .isInstanceOf(ProcessEngineException.class);

        assertThat(tasks.createTaskQuery().taskId(triage).count()).isOne();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void goingAheadAnywayRestartsOnThePersonsWord() {
        long pid = standin.process().orElseThrow().pid();
        Incident incident = openByHand("느림");
        runDueJobs();

        tasks.complete(triageTask().getId(), Map.of("triageDecision", "proceed"));
        runDueJobs();
        advance(Duration.ofSeconds(3));

        assertThat(runbookOf(incident)).hasPassed("Task_RestartBackend").hasNotPassed("Task_GrantAutomaticRestart");
        assertThat(standin.process().orElseThrow().pid()).isNotEqualTo(pid);
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
    }

    @Test
    void automaticRestartsStopAtTheCapPerIncidentAndAPersonTakesOver() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(runbooks(incident)).hasSize(attempt);
            assertThat(new HistoricInstance(runbooks(incident).get(attempt - 1).historic())).hasPassed("Task_RestartBackend");
            tasks.complete(manualTask().getId(), Map.of("decision", "resolved"));
            advance(Duration.ofSeconds(1));
        }

        HistoricInstance fourth = runbooks(incident).get(3);
        assertThat(fourth).hasPassed("Task_GrantAutomaticRestart").hasNotPassed("Task_RestartBackend");
        assertThat(manualTask().getDescription()).contains("반복 장애", "3회");
        assertThat(incidents.timeline(incident.id())).anyMatch(entry -> entry.step().equals("자동 복구 한도"));
    }

    @Test
    void automaticRestartsStopAtTheCapPerTypeAndHourAcrossIncidents() {
        for (int incident = 0; incident < 3; incident++) {
            Incident earlier = open(FailureType.BACKEND_API_DOWN);
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThat(attempts.grant(earlier.id(), "restart-backend")).isEmpty();
            }
            incidents.close(earlier.id(), "test: earlier incident", "tester");
        }
        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();

        assertThat(runbookOf(incident)).hasPassed("Task_GrantAutomaticRestart").hasNotPassed("Task_RestartBackend");
        assertThat(standin.process()).as("not restarted").isEmpty();
        assertThat(manualTask().getDescription()).contains("반복 장애", "최근 1시간");
    }

    private Incident openByHand(String summary) {
        return incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.PARTIAL, summary, "helpdesk",
                "devops1")).incident();
    }

    private Task triageTask() {
        return tasks.createTaskQuery().taskDefinitionKey("UserTask_Triage").singleResult();
    }

    private Task manualTask() {
        return tasks.createTaskQuery().taskDefinitionKey("UserTask_ManualRecovery").singleResult();
    }

    private List<HistoricInstance> runbooks(Incident incident) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("runbook-backend-api-down")
                .superProcessInstanceId(incident.processInstanceId()).orderByProcessInstanceStartTime().asc().list()
                .stream().map(HistoricInstance::new).toList();
    }

    private HistoricInstance runbookOf(Incident incident) {
        List<HistoricInstance> all = runbooks(incident);
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
