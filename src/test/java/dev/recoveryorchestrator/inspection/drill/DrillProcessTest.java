package dev.recoveryorchestrator.inspection.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.inspection.CheckResult;
import dev.recoveryorchestrator.inspection.InspectionResults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Process {@code inspection-drill} and drill mode, against the demo's stand-in (a real OS process, really killed):
 * the engine clock moved by the test, the job executor off. The measured recovery time under a moved clock is what the
 * clock says; {@code DrillAgainstStandinIT} measures it in real time.
 */
class DrillProcessTest extends EngineTestSupport {

    private static final String DRILL = "inspection-drill";

    @Autowired
    DrillResults results;
    @Autowired
    DrillSettings settings;
    @Autowired
    MeterRegistry meters;
    @Autowired
    InspectionResults inspectionResults;
    @Autowired
    dev.recoveryorchestrator.maintenance.MaintenancePlanner planner;

    /**
     * A drill ends its window at the engine's time, which these tests move hours ahead: the windows go with the test, so
     * that no other test class sharing the context finds its alerts under a drill's maintenance.
     */
    @org.junit.jupiter.api.AfterEach
    void forgetWindows() {
        jdbc.update("delete from ro_maintenance_event");
        jdbc.update("delete from ro_maintenance");
    }

    @Test
    void aDrillKillsTheStandinLetsItsRunbookRecoverItAndRecordsTheResult() {
        long before = standin.process().orElseThrow().pid();
        double realOpened = counter("recovery.incidents.opened", false);

        ProcessInstance drill = startDrill("backend-api-down");
        runDueJobs();
        advance(Duration.ofSeconds(3)); // Type 1's log watch after the restart (demo: 2 s), then the lifecycle's check

        String incidentId = (String) outputs(drill.getId()).get("drillIncidentId");
        assertThat(incidentId).as(String.valueOf(outputs(drill.getId()).get("drillFinding"))).isNotNull();
        Incident incident = incidents.find(incidentId).orElseThrow();
        assertThat(incident.drill()).isTrue();
        assertThat(incident.summary()).startsWith("[훈련]");
        assertThat(outputs(incident.processInstanceId())).as("shown in Cockpit").containsEntry("drill", true);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).as("the stand-in was killed").isFalse();
        assertThat(incident.state()).as("its runbook restarted it: " + incidents.timeline(incidentId)).isEqualTo(IncidentState.RECOVERED);
        assertThat(stepNotes(incident, "증상 확인")).as("the runbook confirmed the failure itself").isNotBlank();
        String windowId = (String) runtime.getVariable(drill.getId(), "drillWindowId");
        assertThat(activeWindows(windowId)).as("the window is open while the drill waits").isOne();

        advance(settings.pollInterval());

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(drill.getId()).count()).isZero();
        Map<String, Object> out = outputs(drill.getId());
        assertThat(out).containsEntry("drillOutcome", "RECOVERED").containsEntry("drillIncidentId", incidentId)
                .containsEntry("drillRtoTargetSeconds", Duration.ofHours(4).toSeconds());
        Incident recovered = incidents.find(incidentId).orElseThrow();
        long measured = Duration.between(recovered.openedAt(), recovered.recoveredAt()).toSeconds();
        assertThat(out.get("drillRecoverySeconds")).isEqualTo(measured);
        DrillResult result = result(drill);
        assertThat(results.latest()).isPresent();
        assertThat(result.incidentId()).isEqualTo(incidentId);
        assertThat(result.outcome()).isEqualTo("RECOVERED");
        assertThat(result.recoverySeconds()).isEqualTo(measured);
        assertThat(result.injectedAt()).isEqualTo(recovered.openedAt());
        assertThat(result.finding()).contains("kill-backend", "stand-in pid " + before + " killed", "훈련 후 대상 정상",
                "복구 시간 " + dev.recoveryorchestrator.config.Durations.words(Duration.ofSeconds(measured))
                        + " (RTO 목표 4시간): 목표 안");
        assertThat(standin.process().orElseThrow().pid()).isNotEqualTo(before);
        InspectionResults.Recorded point = inspectionResults.trend("drill", 500).stream()
                .filter(recorded -> recorded.inspection().equals(drill.getId())).findFirst().orElseThrow();
        assertThat(point.result().status()).as("within the RTO target").isEqualTo(CheckResult.Status.PASS);
        assertThat(point.result().measured()).as("the drill RTO trend of /api/inspections").isEqualTo((double) measured);
        assertThat(point.result().target()).isEqualTo((double) Duration.ofHours(4).toSeconds());
        assertThat(activeWindows(windowId)).as("the window was closed at the end").isZero();
        assertThat(TestMail.received()).isNotEmpty().allSatisfy(mail -> assertThat(mail.subject()).startsWith("[훈련] "));
        assertThat(counter("recovery.incidents.opened", false)).as("real incident figures").isEqualTo(realOpened);
        assertThat(counter("recovery.incidents.opened", true)).isPositive();
        assertThat(taskCount("incident-review")).as("a drill gets no post-incident review").isZero();
    }

    @Test
    void aDrillNotRecoveredByTheRtoAcceptableLimitClosesItsIncidentAndRestoresTheTargetItself() throws Exception {
        ProcessInstance drill = startDrill("backend-api-down");
        management.executeJob(management.createJobQuery().processInstanceId(drill.getId()).singleResult().getId());
        breakStandin(); // after the drill's check: the runbook's restart will not help
        runDueJobs();
        String incidentId = (String) runtime.getVariable(drill.getId(), "drillIncidentId");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incidentId).taskDefinitionKey("UserTask_ManualRecovery")
                .count()).isOne();

        advance(Duration.ofHours(8));

        Map<String, Object> out = outputs(drill.getId());
        assertThat(out).containsEntry("drillOutcome", "NOT_RECOVERED").containsEntry("drillRecoverySeconds", null)
                .containsEntry("drillIncidentId", incidentId);
        Incident closed = incidents.find(incidentId).orElseThrow();
        assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
        assertThat(closed.closedReason()).startsWith("훈련 시간 초과");
        assertThat(result(drill).finding()).contains("훈련 후 대상 비정상", "훈련이 직접 복구함 (restart-backend)",
                "복구되지 않음: 훈련 장애 CLOSED");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("run-action")
                .superProcessInstanceId(drill.getId()).count()).as("the drill's own restore").isOne();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(incidentId).count())
                .as("nothing of the drill incident is left running").isZero();
        assertThat(activeWindows((String) out.get("drillWindowId"))).isZero();
    }

    @Test
    void typesWithoutASafeInjectionAndHostileTypesAreRefusedAndNothingChanges() {
        long pid = standin.process().orElseThrow().pid();
        List<Object> requested = new ArrayList<>(List.of("network-outage", "container-failure", "1", "BACKEND-API-DOWN",
                " backend-api-down", 1));
        requested.addAll(List.of("${x}", "#{x}", "$(id)", "; id", "../..", "backend-api-down\r\nBcc: x@example.com",
                "backend-api-down\u0000", HostileValues.LINES, "x".repeat(3000)));
        int windows = jdbc.queryForObject("select count(*) from ro_maintenance", Integer.class);
        int incidentRows = jdbc.queryForObject("select count(*) from ro_incident", Integer.class);
        for (Object type : requested) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("drillType", type);
            ProcessInstance drill = runtime.startProcessInstanceByKey(DRILL, variables);
            runDueJobs();

            Map<String, Object> out = outputs(drill.getId());
            assertThat(out).as(String.valueOf(type)).containsEntry("drillOutcome", "REFUSED")
                    .containsEntry("drillIncidentId", null).containsEntry("drillRecoverySeconds", null);
            assertThat(result(drill).finding()).startsWith("훈련 거부: ");
        }
        assertThat(results.recent(requested.size())).extracting(DrillResult::failureType).contains("invalid",
                "network-outage", "container-failure");
        assertThat(results.recent(500)).extracting(DrillResult::finding)
                .anyMatch(finding -> finding.contains("network-outage: 이 환경에는 안전한 장애 주입 방법이 없음"))
                .allMatch(finding -> finding.chars().noneMatch(c -> c == 0 || c == '\r'));
        assertThat(jdbc.queryForObject("select count(*) from ro_maintenance", Integer.class)).as("no window")
                .isEqualTo(windows);
        assertThat(jdbc.queryForObject("select count(*) from ro_incident", Integer.class)).as("no incident")
                .isEqualTo(incidentRows);
        assertThat(standin.process().orElseThrow().pid()).isEqualTo(pid);
    }

    @Test
    void whatAStarterPassesUnderTheDrillsOwnNamesIsNotTheDrills() {
        dev.recoveryorchestrator.maintenance.MaintenanceWindow other = planner.declare(List.of(),
                start.plus(Duration.ofHours(1)), "someone else's work", "devops1");
        Map<String, Object> variables = new HashMap<>();
        variables.put("drillType", "network-outage");
        variables.put("drillWindowId", other.id());
        variables.put("drillFinding", "forged");
        variables.put("drillOutcome", "RECOVERED");
        variables.put("drillInjected", true);
        ProcessInstance drill = runtime.startProcessInstanceByKey(DRILL, variables);
        runDueJobs();

        assertThat(outputs(drill.getId())).containsEntry("drillOutcome", "REFUSED");
        assertThat(result(drill).finding()).startsWith("훈련 거부: ").doesNotContain("forged");
        assertThat(activeWindows(other.id())).as("another's window is left alone").isOne();
        planner.endNow(other.id());
    }

    @Test
    void aDrillCancelledInCockpitAfterItsIncidentRecoveredEndsItsWindow() {
        ProcessInstance drill = startDrill("backend-api-down");
        runDueJobs();
        advance(Duration.ofSeconds(3)); // the runbook's restart, its log watch and the lifecycle's check
        String incidentId = (String) runtime.getVariable(drill.getId(), "drillIncidentId");
        assertThat(incidents.find(incidentId).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        String windowId = (String) runtime.getVariable(drill.getId(), "drillWindowId");
        assertThat(activeWindows(windowId)).isOne();

        runtime.deleteProcessInstance(drill.getId(), "operator cancelled the drill");

        assertThat(activeWindows(windowId)).isZero();
    }

    @Test
    void aDrillCancelledWhileItsIncidentIsOpenClosesTheIncidentAndKeepsTheWindow() {
        ProcessInstance drill = startDrill("backend-api-down");
        String incidentId = null;
        for (int step = 0; step < 50 && incidentId == null; step++) { // up to the drill incident, and not further
            management.executeJob(management.createJobQuery().processInstanceId(drill.getId()).executable().list()
                    .get(0).getId());
            incidentId = (String) runtime.getVariable(drill.getId(), "drillIncidentId");
        }
        assertThat(incidentId).as("the drill opened its incident").isNotNull();
        String windowId = (String) runtime.getVariable(drill.getId(), "drillWindowId");

        runtime.deleteProcessInstance(drill.getId(), "the monthly inspection's limit");

        Incident closed = incidents.find(incidentId).orElseThrow();
        assertThat(closed.state()).as("no drill incident is left open").isEqualTo(IncidentState.CLOSED);
        assertThat(closed.closedReason()).startsWith("훈련 취소");
        assertThat(activeWindows(windowId)).as("the stand-in may still be down: the window keeps the monitor quiet")
                .isOne();
    }

    private int activeWindows(String windowId) {
        return jdbc.queryForObject("select count(*) from ro_maintenance where id = ? and ends_at > ?", Integer.class,
                windowId, java.sql.Timestamp.from(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant()));
    }

    @Test
    void theStartFormTakesOnlyTheOfferedTypes() {
        TestHttp admin = TestHttp.on(port).as("admin", "admin");
        long drills = results.recent(500).size();
        for (String hostile : List.of("${x}", "#{x}", "$(id)", "../..", "x".repeat(100 * 1024), "network-outage\u0000")) {
            TestHttp.Response refused = admin.post("/engine-rest/process-definition/key/inspection-drill/submit-form",
                    "{\"variables\":{\"drillType\":{\"value\":" + json(hostile) + "}}}");
            // Camunda's REST answers a refused form value with 500 (it wraps every engine exception): nothing starts.
            assertThat(refused.status()).as(refused.body()).isGreaterThanOrEqualTo(400);
            assertThat(refused.body()).contains("Invalid value submitted for form field 'drillType'");
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DRILL).count()).isZero();
        assertThat(results.recent(500)).hasSize((int) drills);
    }

    @Test
    void aDrillIsRefusedWhileARealIncidentIsOpen() throws Exception {
        breakStandin();
        Incident real = open(FailureType.MODEL_CORRUPTION);
        assertThat(incidents.find(real.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        long pid = standin.process().orElseThrow().pid();

        ProcessInstance drill = startDrill("backend-api-down");
        runDueJobs();

        assertThat(outputs(drill.getId())).containsEntry("drillOutcome", "REFUSED");
        assertThat(result(drill).finding()).contains("실제 장애 1건이 열려 있음");
        assertThat(standin.process().orElseThrow().pid()).isEqualTo(pid);
    }

    @Test
    void aDrillIncidentNeverPagesTheCtoEvenAfterTheCtoTiersTimeAndTheRtoTarget() throws Exception {
        double realEscalations = meters.find("recovery.incidents.escalated").tag("drill", "false").counters().stream()
                .mapToDouble(Counter::count).sum();
        breakStandin();
        Incident drill = incidents.openDrill(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE,
                "[훈련] test", "inspection-drill", null)).incident();
        runDueJobs();

        advance(Duration.ofHours(2).plusMinutes(1));
        advance(Duration.ofHours(1));
        advance(Duration.ofHours(1));

        List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(drill.id()).list();
        assertThat(open).extracting(Task::getTaskDefinitionKey).contains("UserTask_TierResponse",
                "UserTask_ApproveLastResortLate").doesNotContain("UserTask_DecideExternalSupport");
        assertThat(open).allSatisfy(task -> assertThat(tasks.getIdentityLinksForTask(task.getId()))
                .extracting(IdentityLink::getGroupId).doesNotContain("cto"));
        assertThat(tasks.getIdentityLinksForTask(task(open, "UserTask_ApproveLastResortLate").getId()))
                .extracting(IdentityLink::getGroupId).containsExactly("it");
        assertThat(TestMail.received()).isNotEmpty()
                .allSatisfy(mail -> assertThat(mail.subject()).startsWith("[훈련] "))
                .noneMatch(mail -> mail.to().contains("cto@routing-ml.test"))
                .anyMatch(mail -> mail.to().contains("it@routing-ml.test") && mail.subject().contains("RTO"));
        assertThat(incidents.find(drill.id()).orElseThrow().tier()).isEqualTo("it");

        TestHttp admin = TestHttp.on(port).as("admin", "admin");
        assertThat(admin.get("/api/incidents/" + drill.id()).json().get("drill").asBoolean()).isTrue();
        assertThat(admin.get("/api/incidents?drill=false").json().findValuesAsText("id")).doesNotContain(drill.id());
        assertThat(admin.get("/api/incidents?drill=false").json().findValuesAsText("drill")).allMatch("false"::equals);
        assertThat(admin.get("/api/incidents?drill=true&size=500").json().findValuesAsText("id")).contains(drill.id());
        assertThat(admin.get("/api/incidents?drill=true&size=500").json().findValuesAsText("drill"))
                .allMatch("true"::equals);
        assertThat(admin.get("/api/incidents?size=500").json()).as("the list shows drills, marked")
                .anyMatch(view -> view.get("id").asText().equals(drill.id()) && view.get("drill").asBoolean());
        TestHttp.Response bad = admin.get("/api/incidents?drill=%24%7Bx%7D");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("drill");
        assertThat(meters.find("recovery.incidents.escalated").tag("drill", "false").counters().stream().mapToDouble(Counter::count).sum())
                .as("real escalations").isEqualTo(realEscalations);
        assertThat(meters.find("recovery.incidents.escalated").tags("tier", "it", "drill", "true").counter().count())
                .isPositive();
        assertThat(meters.find("recovery.incidents.open").tag("drill", "false").gauges().stream()
                .mapToDouble(io.micrometer.core.instrument.Gauge::value).sum()).as("real incidents open").isZero();
    }

    private DrillResult result(ProcessInstance drill) {
        return results.recent(DrillResults.MAX).stream().filter(r -> drill.getId().equals(r.processInstanceId()))
                .findFirst().orElseThrow();
    }

    private static String json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProcessInstance startDrill(String type) {
        return runtime.startProcessInstanceByKey(DRILL, Map.of("drillType", type));
    }

    private Map<String, Object> outputs(String processInstanceId) {
        Map<String, Object> values = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).list()) {
            values.put(variable.getName(), variable.getValue());
        }
        return values;
    }

    private double counter(String name, boolean drill) {
        return meters.find(name).tags("type", "backend-api-down", "drill", String.valueOf(drill)).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private long taskCount(String processKey) {
        return tasks.createTaskQuery().list().stream()
                .filter(task -> task.getProcessDefinitionId().startsWith(processKey + ":")).count();
    }

    private static Task task(List<Task> tasks, String key) {
        return tasks.stream().filter(task -> key.equals(task.getTaskDefinitionKey())).findFirst().orElseThrow();
    }
}
