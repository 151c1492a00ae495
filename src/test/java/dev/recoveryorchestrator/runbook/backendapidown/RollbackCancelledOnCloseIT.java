package dev.recoveryorchestrator.runbook.backendapidown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.action.BackgroundWork;
import dev.recoveryorchestrator.action.Work;
import dev.recoveryorchestrator.action.WorkState;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Type 1 end to end: a person chooses the rollback, and while it still runs (here a configured {@code rollback-backend}
 * that sleeps, as a slow {@code docker compose up --build} would) the incident is closed over the API. The close
 * cancels the runbook and with it the run-action instance; the rollback's process is stopped and its work ends
 * CANCELLED instead of running on to its deadline. Its own context (the shared one's rollback is the stand-in's quick
 * built-in action), so it runs with the ITs and closes its context afterwards: two live contexts in one JVM would
 * share the engine name {@code default} and the webapps of the first would reach the engine of the second.
 */
@DirtiesContext
@TestPropertySource(properties = {
        "recovery.actions.rollback-backend.tracked=true",
        "recovery.actions.rollback-backend.timeout=PT2M",
        "recovery.actions.rollback-backend.steps[0].command[0]=sleep",
        "recovery.actions.rollback-backend.steps[0].command[1]=" + RollbackCancelledOnCloseIT.SECONDS,
})
class RollbackCancelledOnCloseIT extends EngineTestSupport {

    static final String SECONDS = "47.86421";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    BackgroundWork work;

    @AfterEach
    void noSleepLeft() {
        rollbacks().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void closingTheIncidentWhileTheRollbackRunsStopsTheRollbackAndRecordsItCancelled() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        tasks.complete(tasks.createTaskQuery().taskDefinitionKey("UserTask_ManualRecovery").singleResult().getId(),
                Map.of("decision", "rollback"));
        ProcessInstance run = runtime.createProcessInstanceQuery().processDefinitionKey("run-action")
                .rootProcessInstanceId(incident.processInstanceId()).singleResult();
        Job start = management.createJobQuery().processInstanceId(run.getId()).activityId("Task_StartAction").singleResult();
        management.executeJob(start.getId());
        String workId = (String) runtime.getVariable(run.getId(), "workId");
        long pid = await().atMost(TIMEOUT).until(() -> work.find(workId).orElseThrow().pid(), found -> found != null);
        assertThat(rollbacks()).extracting(ProcessHandle::pid).containsExactly(pid);

        Response closed = TestHttp.on(port).as("devops1", "demo").post("/api/incidents/" + incident.id() + "/close",
                "{\"reason\":\"다른 경로로 복구됨 ${x} $(id)\"}");

        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count()).isZero();
        Work cancelled = await().atMost(TIMEOUT).until(() -> work.find(workId).orElseThrow(), found -> found.state().ended());
        assertThat(cancelled.state()).isEqualTo(WorkState.CANCELLED);
        assertThat(cancelled.detail()).startsWith("cancelled: its run-action instance " + run.getId() + " was deleted (")
                .contains("stopped step 1 (sleep)");
        await().atMost(TIMEOUT).until(() -> rollbacks().isEmpty());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(incidents.timeline(incident.id()))
                .anyMatch(entry -> "조치 취소".equals(entry.step()) && entry.detail().startsWith("rollback-backend 취소됨: ")));
    }

    private static List<ProcessHandle> rollbacks() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(Arrays::asList).orElse(List.of()).contains(SECONDS)).toList();
    }
}
