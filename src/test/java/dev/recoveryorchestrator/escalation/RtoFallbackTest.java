package dev.recoveryorchestrator.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HistoricInstance;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The RTO fallback frame (docs/architecture.md, "The RTO fallback"), on Type 1 whose last resort is the rollback: at 75 % of the
 * RTO target an incident still open puts its last resort to the highest tier reached, urgent, due at the RTO target
 * and mailed at once; only an approval (or configuration, when nobody answers) runs it, and only while the symptom
 * is still there. The target is the stand-in, a real process; its health answers 503 while it is broken.
 */
class RtoFallbackTest extends EngineTestSupport {

    private static final String RUNBOOK = "runbook-backend-api-down";

    @Test
    void atThreeQuartersOfTheRtoTheHighestTierApprovesTheRollbackWhichReplacesTheWaitingRecovery() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        assertThat(task("UserTask_ManualRecovery")).isNotNull();
        assertThat(task("UserTask_ApproveLastResort")).as("not before 75 % of the RTO target").isNull();

        TestMail.purge();
        advance(Duration.ofHours(3));

        Task approve = task("UserTask_ApproveLastResort");
        assertThat(approvalOf(approve).getBusinessKey()).as("the one approval process, called with the incident")
                .isEqualTo(incident.id());
        assertThat(approvalOf(approve).getSuperProcessInstanceId()).isEqualTo(runbookOf(incident).getId());
        assertThat(approve.getName()).contains(Incident.shortId(incident.id()), "[긴급] 최후 수단 승인", "Backend API");
        assertThat(approve.getPriority()).isEqualTo(100);
        assertThat(approve.getDueDate().toInstant()).isEqualTo(incident.rtoDeadline());
        assertThat(approve.getDescription()).contains("롤백", "RTO 목표 시각까지 1시간 남았습니다", "헬스 체크");
        assertThat(candidateGroups(approve)).containsExactly("cto");
        assertThat(TestMail.received()).anyMatch(mail -> mail.subject().startsWith("[긴급: 최후 수단 승인 요청]")
                && mail.to().contains("cto@routing-ml.test") && mail.body().contains(approve.getId()));

        tasks.complete(approve.getId(), Map.of("lastResortDecision", "apply", "lastResortNote", "승인 ${x}"));
        runDueJobs();

        assertThat(task("UserTask_ManualRecovery")).as("the waiting recovery is replaced").isNull();
        HistoricInstance runbook = runbookOf(incident);
        assertThat(runbook).hasPassedInOrder("CallActivity_ApproveLastResort", "EndEvent_ApplyLastResort",
                "Task_ConfirmBeforeLastResort", "Task_LastResortRollback", "Task_LastResortHealthCheck");
        assertThat(notes(incident)).contains("승인: 롤백", "승인 ${x}", "rollback-backend 시작");

        healStandin();
        tasks.complete(task("UserTask_LastResortManual").getId(), Map.of("decision", "resolved"));
        runDueJobs();

        assertThat(runbookOf(incident)).hasPassed("EndEvent_LastResortRecovered").isEnded();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
    }

    @Test
    void deferringKeepsTheRecoveryGoingAndNobodyAnsweringRunsNothingByDefault() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        advance(Duration.ofHours(3));

        tasks.complete(task("UserTask_ApproveLastResort").getId(), Map.of("lastResortDecision", "wait"));
        runDueJobs();
        assertThat(task("UserTask_ManualRecovery")).as("the recovery goes on").isNotNull();
        assertThat(runbookOf(incident)).hasPassed("EndEvent_LastResortDeferred").hasNotPassed("Task_LastResortRollback");

        assertThat(close(incident).state()).isEqualTo(IncidentState.CLOSED);
        breakStandin();
        Incident unanswered = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        advance(Duration.ofHours(3));
        assertThat(task("UserTask_ApproveLastResort")).isNotNull();
        advance(Duration.ofHours(1));

        assertThat(task("UserTask_ApproveLastResort")).isNull();
        Task late = task("UserTask_ApproveLastResortLate");
        assertThat(late.getDescription()).contains("RTO 목표 시각이 지났습니다 (0초 초과)");
        assertThat(task("UserTask_ManualRecovery")).isNotNull();
        assertThat(runbookOf(unanswered)).hasNotPassed("EndEvent_ApplyLastResort", "Task_LastResortRollback");
        assertThat(notes(unanswered)).contains("응답 없음: 사람의 승인 없이는 실행하지 않음");
        String approval = late.getProcessInstanceId();
        close(unanswered);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(approval).count())
                .as("closing the incident ends the approval it called").isZero();
        assertThat(task("UserTask_ApproveLastResortLate")).isNull();
    }

    @Test
    void aDeferralLeavesWhoDecidedEarlierInTheRunbookAsItWas() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        advance(Duration.ofHours(3));
        Task approve = task("UserTask_ApproveLastResort");
        String runbook = approvalOf(approve).getSuperProcessInstanceId();
        runtime.setVariable(runbook, "decidedBy", "earlier (test)");
        TestHttp cto = TestHttp.on(port).as("cto1", "demo");
        String complete = "/engine-rest/task/" + approve.getId() + "/complete";

        TestHttp.Response forged = cto.post(complete, "{\"variables\":{\"lastResortDecision\":{\"value\":\"wait\"},"
                + "\"lastResort\":{\"value\":\"something else\"}}}");
        assertThat(forged.status()).as("what the last resort does is the runbook's to say").isEqualTo(403);
        TestHttp.Response deferred = cto.post(complete, "{\"variables\":{\"lastResortDecision\":{\"value\":\"wait\"}}}");
        assertThat(deferred.status()).as(deferred.body()).isEqualTo(204);

        assertThat(runtime.getVariable(runbook, "lastResortDecision")).isEqualTo("wait");
        assertThat(runtime.getVariable(runbook, "decidedBy")).isEqualTo("earlier (test)");
        assertThat(notes(incident)).contains("보류: 지금의 복구를 계속함 (").doesNotContain("something else");
        close(incident);
    }

    private Incident close(Incident incident) {
        return incidents.find(incident.id()).filter(i -> i.state() == IncidentState.OPEN)
                .map(i -> incidents.close(i.id(), "test", "admin")).orElseGet(() -> incidents.find(incident.id()).orElseThrow());
    }

    private Task task(String key) {
        return tasks.createTaskQuery().taskDefinitionKey(key).singleResult();
    }

    /** The instance of the one approval process that holds {@code task}, as the history shows it. */
    private org.camunda.bpm.engine.history.HistoricProcessInstance approvalOf(Task task) {
        org.camunda.bpm.engine.history.HistoricProcessInstance approval = history.createHistoricProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult();
        assertThat(approval.getProcessDefinitionKey()).isEqualTo("rto-fallback-approval");
        return approval;
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
                .filter(java.util.Objects::nonNull).toList();
    }

    private HistoricInstance runbookOf(Incident incident) {
        return new HistoricInstance(history.createHistoricProcessInstanceQuery().processDefinitionKey(RUNBOOK)
                .superProcessInstanceId(incident.processInstanceId()).orderByProcessInstanceStartTime().desc().list().get(0));
    }

    private String notes(Incident incident) {
        return String.join("\n", incidents.timeline(incident.id()).stream().map(entry -> entry.detail()).toList());
    }
}
