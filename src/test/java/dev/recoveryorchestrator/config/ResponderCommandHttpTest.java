package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.Scope;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forged-recovery holes of issue 20, tried as the attacker did: a tier user ({@code devops1}) over Camunda's
 * REST API, against the commands a task or a job offers besides the forms. Each is refused with 403 and changes
 * nothing: no incident recovered or closed, no rollback, no variable, no retry spent, no Cockpit incident.
 */
class ResponderCommandHttpTest extends EngineTestSupport {

    TestHttp devops;
    Incident incident;
    Task triage;
    Task tier;

    @BeforeEach
    void anIncidentIsOpen() {
        devops = TestHttp.on(port).as("devops1", "demo");
        incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.PARTIAL, "by hand", "test",
                "devops1")).incident();
        runDueJobs();
        triage = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_Triage").singleResult();
        tier = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_TierResponse").taskCandidateGroup("devops").singleResult();
        assertThat(triage).isNotNull();
        assertThat(tier).isNotNull();
    }

    @Test
    void aResponderCannotRaiseAnEscalationFromATaskToForgeARecoveryOrSkipTheApprover() {
        Incident other = open(FailureType.DATABASE_UNREACHABLE);
        runDueJobs();
        Response forged = devops.post("/engine-rest/task/" + tier.getId() + "/bpmnEscalation",
                "{\"escalationCode\":\"alert-resolved-recovered\",\"variables\":{"
                        + "\"incidentId\":{\"value\":\"" + other.id() + "\"},"
                        + "\"recoveredAt\":{\"value\":\"2026-01-01T00:00:00.000+0000\",\"type\":\"Date\"}}}");
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);

        long rollbacks = runtime.createProcessInstanceQuery().processDefinitionKey("run-action").count();
        Response fallback = devops.post("/engine-rest/task/" + triage.getId() + "/bpmnEscalation",
                "{\"escalationCode\":\"rto-fallback\"}");
        assertThat(fallback.status()).as(fallback.body()).isEqualTo(403);
        runDueJobs();

        assertThat(incidents.find(other.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("run-action").count())
                .as("no rollback started").isEqualTo(rollbacks);
        assertThat(tasks.createTaskQuery().taskId(tier.getId()).count()).isOne();
        assertThat(tasks.createTaskQuery().taskId(triage.getId()).count()).isOne();
    }

    @Test
    void aResponderCannotEndARunbookWithAForgedBpmnError() {
        Response error = devops.post("/engine-rest/task/" + triage.getId() + "/bpmnError",
                "{\"errorCode\":\"false-alarm\",\"variables\":{\"runbookOutcome\":{\"value\":\"forged\"},"
                        + "\"note\":{\"value\":\"x\"}}}");
        assertThat(error.status()).as(error.body()).isEqualTo(403);
        runDueJobs();

        assertThat(runtime.getVariable(incident.processInstanceId(), IncidentVariables.RUNBOOK_OUTCOME)).isEqualTo("");
        assertThat(tasks.createTaskQuery().taskId(triage.getId()).count()).isOne();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void aRefusedJobExecutionSpendsNoRetryAndRaisesNoIncident() {
        Job rto = management.createJobQuery().processInstanceId(incident.processInstanceId())
                .activityId("Timer_RtoTarget").singleResult();
        int retries = rto.getRetries();
        for (int call = 0; call < 3; call++) {
            Response executed = devops.post("/engine-rest/job/" + rto.getId() + "/execute", null);
            assertThat(executed.status()).as(executed.body()).isEqualTo(403);
        }
        Job after = management.createJobQuery().jobId(rto.getId()).singleResult();
        assertThat(after.getRetries()).as("no retry spent").isEqualTo(retries);
        assertThat(after.getExceptionMessage()).isNull();
        assertThat(runtime.createIncidentQuery().count()).as("no Cockpit incident").isZero();
        assertThat(history.createHistoricJobLogQuery().jobId(rto.getId()).failureLog().count()).isZero();
        assertThat(management.createJobQuery().jobId(rto.getId()).singleResult().getDuedate()).isEqualTo(rto.getDuedate());
    }

    @Test
    void aResponderCannotRetryReDateSuspendOrRedefineAJob() {
        Job rto = management.createJobQuery().processInstanceId(incident.processInstanceId())
                .activityId("Timer_RtoTarget").singleResult();
        String job = "/engine-rest/job/" + rto.getId();
        assertThat(devops.put(job + "/retries", "{\"retries\":0}").status()).isEqualTo(403);
        assertThat(devops.put(job + "/duedate", "{\"duedate\":\"2099-01-01T00:00:00.000+0000\"}").status())
                .isEqualTo(403);
        assertThat(devops.post(job + "/duedate/recalculate", null).status()).isEqualTo(403);
        assertThat(devops.put(job + "/suspended", "{\"suspended\":true}").status()).isEqualTo(403);
        assertThat(devops.put("/engine-rest/job-definition/" + rto.getJobDefinitionId() + "/suspended",
                "{\"suspended\":true,\"includeJobs\":true}").status()).isEqualTo(403);
        assertThat(devops.put("/engine-rest/job-definition/" + rto.getJobDefinitionId() + "/retries",
                "{\"retries\":0}").status()).isEqualTo(403);

        Job after = management.createJobQuery().jobId(rto.getId()).singleResult();
        assertThat(after.getRetries()).isEqualTo(rto.getRetries());
        assertThat(after.getDuedate()).isEqualTo(rto.getDuedate());
        assertThat(after.isSuspended()).isFalse();
        assertThat(management.createJobDefinitionQuery().jobDefinitionId(rto.getJobDefinitionId()).singleResult()
                .isSuspended()).isFalse();
    }

    @Test
    void aResponderCannotCorrelateSignalSetVariablesOrMoveAnInstance() {
        Response message = devops.post("/engine-rest/message", "{\"messageName\":\"IncidentClosed\","
                + "\"businessKey\":\"" + incident.id() + "\",\"processVariables\":{\"closedReason\":{\"value\":\"x\"}}}");
        assertThat(message.status()).as(message.body()).isEqualTo(403);
        assertThat(devops.post("/engine-rest/signal", "{\"name\":\"anything\"}").status()).isEqualTo(403);
        Response variable = devops.put("/engine-rest/task/" + tier.getId() + "/variables/myNote",
                "{\"value\":\"set outside a completion\"}");
        assertThat(variable.status()).as(variable.body()).isEqualTo(403);
        assertThat(devops.post("/engine-rest/task/" + tier.getId() + "/localVariables",
                "{\"modifications\":{\"x\":{\"value\":\"y\"}}}").status()).isEqualTo(403);
        Response moved = devops.post("/engine-rest/process-instance/" + incident.processInstanceId() + "/modification",
                "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"EndEvent_Recovered\"}]}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(403);

        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(tasks.getVariable(tier.getId(), "myNote")).isNull();
        assertThat(tasks.getVariableLocal(tier.getId(), "x")).isNull();
    }

    @Test
    void anAdministratorStillMayAndAResponderStillCompletesTheirTask() {
        TestHttp admin = TestHttp.on(port).as("admin", "admin");
        Response variable = admin.put("/engine-rest/task/" + tier.getId() + "/variables/adminNote",
                "{\"value\":\"by the administrator\"}");
        assertThat(variable.status()).as(variable.body()).isEqualTo(204);
        assertThat(tasks.getVariable(tier.getId(), "adminNote")).isEqualTo("by the administrator");

        Response completed = devops.post("/engine-rest/task/" + triage.getId() + "/complete",
                "{\"variables\":{\"triageDecision\":{\"value\":\"false-alarm\"}}}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.CLOSED);
    }
}
