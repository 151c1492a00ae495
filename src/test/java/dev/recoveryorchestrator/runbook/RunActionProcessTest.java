package dev.recoveryorchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.action.BackgroundWork;
import dev.recoveryorchestrator.action.Work;
import dev.recoveryorchestrator.action.WorkState;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.TimelineEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code run-action.bpmn}: a long action started as tracked background work (a real process), watched by the
 * timer loop with its progress on the instance, and ended by its outcome; a lost work goes to a person. The job
 * executor is off: this test runs the jobs of its own instance only, and moves the engine clock by the poll
 * interval. The background work itself runs in real time.
 */
class RunActionProcessTest extends EngineTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String STEP = "서비스 재시작";

    @Autowired
    BackgroundWork work;
    @Autowired
    RunActionSettings settings;
    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    @AfterEach
    void noReleaseAndNoHangingProcess() throws IOException {
        Files.deleteIfExists(TestActions.release(WORK));
        hangingSleeps().forEach(ProcessHandle::destroyForcibly);
        sleeps().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void startsTheActionInTheBackgroundShowsItsProgressAndEndsWithItsOutcome() throws IOException {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        ProcessInstance run = runAction(incident.id(), TestActions.WAITS, STEP);

        runJobsOf(run);
        assertThat(run).hasPassed("Task_StartAction").isWaitingAt("Timer_WaitForAction");
        String workId = (String) runtime.getVariable(run.getId(), "workId");
        assertThat(notes(incident)).anyMatch(note -> note.startsWith(TestActions.WAITS + " 시작: 백그라운드 작업 "
                + workId.substring(0, 8)));
        await().atMost(TIMEOUT).until(() -> work.find(workId).orElseThrow().pid() != null);

        poll(run);
        assertThat(run).isWaitingAt("Timer_WaitForAction");
        Map<String, Object> progress = runtime.getVariables(run.getId());
        assertThat(progress).containsEntry("actionState", "RUNNING").containsEntry("actionProgress", "running")
                .containsEntry("actionNode", work.nodeId()).containsKeys("actionElapsed", "actionDeadline");
        assertThat(progress.get("actionPid")).isEqualTo(work.find(workId).orElseThrow().pid());
        await().atMost(TIMEOUT).untilAsserted(() -> {
            poll(run);
            assertThat((String) runtime.getVariable(run.getId(), "actionOutput")).contains("waiting");
        });

        Files.writeString(TestActions.release(WORK), "go");
        awaitEnded(workId);
        poll(run);

        assertThat(run).hasPassed("EndEvent_ActionEnded").isEnded();
        assertThat(variables(run)).containsEntry("actionSucceeded", true).containsEntry("actionOutcome", "SUCCEEDED");
        assertThat((String) variables(run).get("actionOutput")).contains("waiting\nreleased");
        assertThat(notes(incident)).anyMatch(note -> note.startsWith(TestActions.WAITS + " 성공 (exit 0, "));
    }

    @Test
    void aFailingActionEndsFailedWithItsExitCode() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        ProcessInstance run = runAction(incident.id(), TestActions.FAILS, STEP);

        runJobsOf(run);
        awaitEnded((String) runtime.getVariable(run.getId(), "workId"));
        poll(run);

        assertThat(run).hasPassed("EndEvent_ActionEnded").isEnded();
        assertThat(variables(run)).containsEntry("actionSucceeded", false).containsEntry("actionOutcome", "FAILED");
        assertThat(notes(incident)).anyMatch(note -> note.startsWith(TestActions.FAILS + " 실패 (exit 3, ")
                && note.contains("step 1 (sh) exited 3") && note.contains("failing"));
    }

    @Test
    void anActionPastItsTimeoutIsKilledAndEndsTimedOut() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        ProcessInstance run = runAction(incident.id(), TestActions.HANGS, STEP);

        runJobsOf(run);
        Work ended = awaitEnded((String) runtime.getVariable(run.getId(), "workId"));
        poll(run);

        assertThat(ended.state()).isEqualTo(WorkState.TIMED_OUT);
        assertThat(hangingSleeps()).as("the sleep was killed").isEmpty();
        assertThat(run).hasPassed("EndEvent_ActionEnded").isEnded();
        assertThat(variables(run)).containsEntry("actionSucceeded", false).containsEntry("actionOutcome", "TIMED_OUT");
        assertThat(notes(incident)).anyMatch(note -> note.startsWith(TestActions.HANGS + " 시간 초과로 중단"));
    }

    @Test
    void aWorkWhoseNodeAndProcessAreGoneAsksDevopsWhetherItTookEffectShowingTheOutputSoFar() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        ProcessInstance run = runAction(incident.id(), TestActions.WAITS, STEP);
        String output = "docker compose restart predictor\nRestarting predictor ... ${x} #{x} $(id)\r\n";
        String goneWork = recordedByAGoneNode(run, "gone-host", null, null, output);

        runJobsOf(run);
        assertThat(runtime.getVariable(run.getId(), "workId")).as("the recorded work, not a new one").isEqualTo(goneWork);
        assertThat(jdbc.queryForObject("select count(*) from ro_background_work where owner_key like ?", Integer.class,
                run.getId() + "/%")).isEqualTo(1);
        poll(run);

        assertThat(run).isWaitingAt("UserTask_ConfirmActionOutcome");
        Task confirm = tasks.createTaskQuery().processInstanceId(run.getId()).singleResult();
        assertThat(confirm.getName()).isEqualTo("[" + incident.id().substring(0, 8) + "] 조치 결과 확인: " + STEP);
        assertThat(confirm.getDescription()).contains("'" + TestActions.WAITS + "' 조치를 실행하던 노드가 멈춰")
                .contains("node gone-host/1/ab stopped renewing its heartbeat").contains(output);
        assertThat(tasks.getIdentityLinksForTask(confirm.getId())).anyMatch(link -> "devops".equals(link.getGroupId()));
        assertThat(runtime.getVariable(run.getId(), "actionOutcome")).isEqualTo("LOST");
        assertThat(notes(incident)).anyMatch(note -> note.startsWith(TestActions.WAITS + " 결과 알 수 없음: "));

        tasks.claim(confirm.getId(), "devops1");
        tasks.complete(confirm.getId(), Map.of("actionConfirmation", "succeeded"));

        assertThat(run).hasPassed("EndEvent_OutcomeConfirmed").isEnded();
        assertThat(variables(run)).containsEntry("actionSucceeded", true).containsEntry("actionOutcome", "SUCCEEDED");
        assertThat(notes(incident)).contains("조치 결과 확인: 적용됨 (devops1)");
        assertThat(work.find(goneWork).orElseThrow().state()).isEqualTo(WorkState.LOST);
    }

    @Test
    void aStillRunningProcessOfAGoneNodeIsWatchedUntilItEndsThenAPersonDecides() throws Exception {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        ProcessInstance run = runAction(incident.id(), TestActions.WAITS, STEP);
        Process leftBehind = new ProcessBuilder("sleep", TestActions.HANG_SECONDS).start();
        recordedByAGoneNode(run, work.hostId(), leftBehind.pid(),
                leftBehind.toHandle().info().startInstant().orElseThrow().toEpochMilli(), "restarting\n");

        runJobsOf(run);
        poll(run);
        assertThat(run).isWaitingAt("Timer_WaitForAction");
        assertThat(runtime.getVariable(run.getId(), "actionAdopted")).isEqualTo(true);
        assertThat(runtime.getVariable(run.getId(), "actionNode")).isEqualTo(work.nodeId());
        assertThat(notes(incident)).anyMatch(note -> note.contains("실행 노드 중단") && note.contains("종료 코드는 알 수 없음"));
        poll(run);
        assertThat(run).isWaitingAt("Timer_WaitForAction");

        leftBehind.destroy();
        leftBehind.waitFor();
        poll(run);

        assertThat(run).isWaitingAt("UserTask_ConfirmActionOutcome");
        Task confirm = tasks.createTaskQuery().processInstanceId(run.getId()).singleResult();
        assertThat(confirm.getDescription()).contains("its exit code is unknown").contains("restarting");
        tasks.complete(confirm.getId(), Map.of("actionConfirmation", "failed"));
        assertThat(run).isEnded();
        assertThat(variables(run)).containsEntry("actionSucceeded", false).containsEntry("actionOutcome", "FAILED");
        assertThat(notes(incident)).contains("조치 결과 확인: 적용되지 않음");
    }

    @Test
    void anUnknownActionNameIsNeverRunAndNothingIsRecorded() {
        // Longer values (100 KB) never get this far: the engine refuses a string variable over 4000 characters when
        // the caller starts the instance, and BackgroundWorkContract.refusesAnUnknownActionAndRecordsNothing tries them.
        for (String hostile : List.of("${x}", "#{x}", "$(id)", "; id", "../..", "restart-backend\r\nX-Injected: 1",
                "a\0b", "x".repeat(3_900))) {
            ProcessInstance run = runAction(null, hostile, STEP);
            Job start = management.createJobQuery().processInstanceId(run.getId()).singleResult();

            assertThatThrownBy(() -> management.executeJob(start.getId())).hasMessageContaining("No action '");
            assertThat(jdbc.queryForObject("select count(*) from ro_background_work where owner_key like ?",
                    Integer.class, run.getId() + "/%")).isZero();
        }
    }

    @Test
    void theStepNameAndTheOutputStayDataOnTheTimeline() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        String step = "${x} #{x} $(id)\r\n" + "재시작".repeat(1_300);
        ProcessInstance run = runAction(incident.id(), TestActions.HOSTILE, step);

        runJobsOf(run);
        awaitEnded((String) runtime.getVariable(run.getId(), "workId"));
        poll(run);

        assertThat(run).isEnded();
        assertThat((String) variables(run).get("actionOutput")).contains(String.join("\n", TestActions.HOSTILE_VALUES));
        List<TimelineEntry> timeline = incidents.timeline(incident.id());
        assertThat(timeline).filteredOn(entry -> entry.detail().startsWith(TestActions.HOSTILE + " 성공"))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.step()).startsWith("${x} #{x} $(id) 재시작재시작").hasSize(60).doesNotContain("\r", "\n");
                    assertThat(entry.detail()).contains(String.join("\n", TestActions.HOSTILE_VALUES));
                });
    }

    @Test
    void aCallerGetsTheOutcomeThroughACallActivityMappedAsTheRunbooksWillMapIt() {
        String deployment = repositoryDeploy(TestActions.FAILS);
        try {
            Incident incident = open(FailureType.BACKEND_API_DOWN);
            ProcessInstance caller = runtime.startProcessInstanceByKey("test-run-action-caller", incident.id(),
                    Map.of("incidentId", incident.id()));
            ProcessInstance run = runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId()).singleResult();
            assertThat(runtime.getVariables(run.getId())).containsEntry("actionName", TestActions.FAILS)
                    .containsEntry("actionStep", "롤백").containsEntry("incidentId", incident.id());
            assertThat(run.getBusinessKey()).isEqualTo(incident.id());

            runJobsOf(run);
            awaitEnded((String) runtime.getVariable(run.getId(), "workId"));
            poll(run);

            assertThat(caller).isWaitingAt("UserTask_AfterAction");
            assertThat(runtime.getVariables(caller.getId())).containsEntry("actionSucceeded", false)
                    .containsEntry("actionOutcome", "FAILED").containsKey("actionOutput")
                    .doesNotContainKeys("workId", "actionState", "actionProgress");
            assertThat(notes(incident)).anyMatch(note -> note.startsWith(TestActions.FAILS + " 실패"));
        } finally {
            runtime.deleteProcessInstances(runtime.createProcessInstanceQuery().processDefinitionKey("test-run-action-caller")
                    .list().stream().map(ProcessInstance::getId).toList(), "test cleanup", true, true);
            repositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void deletingTheCallerOfALongActionStopsItsProcessAndRecordsTheWorkCancelledWithTheReason() {
        String deployment = repositoryDeploy(TestActions.SLEEPS);
        try {
            Incident incident = open(FailureType.BACKEND_API_DOWN);
            ProcessInstance caller = runtime.startProcessInstanceByKey("test-run-action-caller", incident.id(),
                    Map.of("incidentId", incident.id()));
            ProcessInstance run = runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId()).singleResult();
            runJobsOf(run);
            String workId = (String) runtime.getVariable(run.getId(), "workId");
            long pid = await().atMost(TIMEOUT).until(() -> work.find(workId).orElseThrow().pid(), found -> found != null);
            assertThat(sleeps()).extracting(ProcessHandle::pid).containsExactly(pid);

            // As an operator cancelling in Cockpit with "skip custom listeners": the run-action instance goes with it.
            runtime.deleteProcessInstance(caller.getId(), "운영자가 Cockpit에서 취소 ${x} $(id)", true);

            assertThat(runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count()).isZero();
            Work cancelled = awaitEnded(workId);
            assertThat(cancelled.state()).isEqualTo(WorkState.CANCELLED);
            assertThat(cancelled.detail()).startsWith("cancelled: its run-action instance " + run.getId()
                    + " was deleted (운영자가 Cockpit에서 취소 ${x} $(id))").contains("stopped step 1 (sleep)");
            await().atMost(TIMEOUT).until(() -> sleeps().isEmpty());
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(incidents.timeline(incident.id()))
                    .anyMatch(entry -> RunActionCancellation.STEP.equals(entry.step())
                            && entry.detail().startsWith(TestActions.SLEEPS + " 취소됨: cancelled: its run-action instance "
                                    + run.getId())));
        } finally {
            repositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void aDeletionThatRollsBackCancelsNothing() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        ProcessInstance run = runAction(incident.id(), TestActions.SLEEPS, STEP);
        runJobsOf(run);
        String workId = (String) runtime.getVariable(run.getId(), "workId");
        long pid = await().atMost(TIMEOUT).until(() -> work.find(workId).orElseThrow().pid(), found -> found != null);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            runtime.deleteProcessInstance(run.getId(), "rolled back");
            status.setRollbackOnly();
        });

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(run.getId()).count()).isOne();
        // A few heartbeats pass: nothing asked for the cancelling, and the process keeps running.
        await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> work.find(workId).orElseThrow(),
                found -> found.state() == WorkState.RUNNING && found.cancelReason() == null
                        && ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent());

        runtime.deleteProcessInstance(run.getId(), "now for real");
        assertThat(awaitEnded(workId).state()).isEqualTo(WorkState.CANCELLED);
        await().atMost(TIMEOUT).until(() -> sleeps().isEmpty());
    }

    @Test
    void anInstanceThatEndsAtItsEndEventCancelsNothing() {
        ProcessInstance run = runAction(null, TestActions.FAILS, STEP);
        runJobsOf(run);
        String workId = (String) runtime.getVariable(run.getId(), "workId");
        awaitEnded(workId);
        poll(run);

        assertThat(run).hasPassed("EndEvent_ActionEnded").isEnded();
        assertThat(work.find(workId).orElseThrow()).extracting(Work::state, Work::cancelReason)
                .containsExactly(WorkState.FAILED, null);
    }

    /** A caller with the call activity exactly as docs/architecture.md tells runbook authors to write it. */
    private String repositoryDeploy(String action) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_caller" targetNamespace="test">
                  <bpmn:process id="test-run-action-caller" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Caller" />
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Caller" targetRef="Task_Rollback" />
                    <bpmn:callActivity id="Task_Rollback" name="롤백" calledElement="run-action">
                      <bpmn:extensionElements>
                        <camunda:in businessKey="#{execution.processBusinessKey}" />
                        <camunda:in source="incidentId" target="incidentId" />
                        <camunda:in sourceExpression="%s" target="actionName" />
                        <camunda:in sourceExpression="롤백" target="actionStep" />
                        <camunda:out source="actionSucceeded" target="actionSucceeded" />
                        <camunda:out source="actionOutcome" target="actionOutcome" />
                        <camunda:out source="actionOutput" target="actionOutput" />
                      </bpmn:extensionElements>
                    </bpmn:callActivity>
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Rollback" targetRef="UserTask_AfterAction" />
                    <bpmn:userTask id="UserTask_AfterAction" camunda:candidateGroups="devops" />
                    <bpmn:sequenceFlow id="Flow_3" sourceRef="UserTask_AfterAction" targetRef="EndEvent_Caller" />
                    <bpmn:endEvent id="EndEvent_Caller" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(action);
        return repositoryService().createDeployment().addString("test-run-action-caller.bpmn", xml).deploy().getId();
    }

    private org.camunda.bpm.engine.RepositoryService repositoryService() {
        return engine.getRepositoryService();
    }

    private ProcessInstance runAction(String incidentId, String action, String step) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("incidentId", incidentId);
        variables.put("actionName", action);
        variables.put("actionStep", step);
        return runtime.startProcessInstanceByKey(RunAction.PROCESS, variables);
    }

    /**
     * Records, under the owner key this instance's start task will use, a RUNNING work of a node that stopped ten
     * minutes ago, as if that node had started it and died.
     */
    private String recordedByAGoneNode(ProcessInstance run, String hostId, Long pid, Long pidStartedMillis, String output) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime longAgo = Instant.now().minus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC);
        jdbc.update("insert into ro_background_work (id, owner_key, action_name, node_id, host_id, state, step, pid, "
                        + "pid_started_ms, output_file, output_tail, started_at, deadline, heartbeat_at) "
                        + "values (?, ?, ?, ?, ?, 'RUNNING', 1, ?, ?, ?, ?, ?, ?, ?)",
                id, run.getId() + "/Task_StartAction", TestActions.WAITS, "gone-host/1/ab", hostId, pid, pidStartedMillis,
                WORK.resolve("gone-" + id + ".log").toString(), output, longAgo, longAgo.plusHours(2), longAgo);
        return id;
    }

    /** Runs the jobs of this instance that are due now, until none is. */
    private void runJobsOf(ProcessInstance run) {
        for (int round = 0; round < 50; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(run.getId()).executable().list();
            if (due.isEmpty()) {
                return;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("jobs keep coming");
    }

    /** One turn of the loop: the poll interval passes on the engine's clock, and the check runs. */
    private void poll(ProcessInstance run) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(settings.pollInterval())));
        runJobsOf(run);
    }

    private Work awaitEnded(String workId) {
        return await().atMost(TIMEOUT).until(() -> work.find(workId).orElseThrow(), found -> found.state().ended());
    }

    private Map<String, Object> variables(ProcessInstance run) {
        Map<String, Object> values = new HashMap<>();
        history.createHistoricVariableInstanceQuery().processInstanceId(run.getId()).list()
                .forEach(variable -> values.put(variable.getName(), variable.getValue()));
        return values;
    }

    private List<String> notes(Incident incident) {
        return incidents.timeline(incident.id()).stream().map(TimelineEntry::detail).toList();
    }

    private static List<ProcessHandle> sleeps() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(Arrays::asList).orElse(List.of()).contains(TestActions.SLEEP_SECONDS))
                .toList();
    }

    private static List<ProcessHandle> hangingSleeps() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(Arrays::asList).orElse(List.of()).contains(TestActions.HANG_SECONDS))
                .toList();
    }
}
