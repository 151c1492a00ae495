package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HistoricInstance;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every state has an exit: however an incident's lifecycle ends, the incident follows; a person can close one
 * over the API; an OPEN incident without a lifecycle is found and closed; a failed step shows on the incident.
 */
class IncidentClosingTest extends EngineTestSupport {

    @Autowired
    OrphanSweep sweep;
    @Autowired
    IncidentStore store;

    @Test
    void cancellingTheLifecycleInCockpitClosesTheIncidentAndFreesItsSlot() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();

        // Cockpit's "cancel" with "skip custom listeners" ticked, the usual fix for a stuck instance.
        runtime.deleteProcessInstance(incident.processInstanceId(), "stuck since Tuesday", true, true);

        Incident closed = incidents.find(incident.id()).orElseThrow();
        assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
        assertThat(closed.closedReason()).contains("stuck since Tuesday");
        assertThat(closed.closedBy()).isEqualTo(IncidentService.SYSTEM);
        assertThat(incidents.timeline(incident.id())).anyMatch(entry -> entry.step().equals("장애 종료")
                && entry.detail().contains("stuck since Tuesday"));

        Incident next = open(FailureType.BACKEND_API_DOWN);
        assertThat(next.id()).as("a new failure opens a new incident, not the dead one").isNotEqualTo(incident.id());
    }

    @Test
    void anOpenIncidentWithoutALifecycleIsClosedAsOrphaned() {
        // As after a database restore: the row is there, the process instance is not.
        Incident orphan = open(FailureType.BACKEND_API_DOWN);
        Incident ghost = Incident.opened("0rphan00-0000-4000-8000-000000000000", FailureType.BACKEND_API_DOWN,
                "elsewhere", Scope.WHOLE.id(), "restored", "test", null, start, start.plusSeconds(60), null, false);
        store.insertOpen(ghost);
        store.attachProcess(ghost.id(), "no-such-instance");

        assertThat(sweep.sweep()).isOne();

        assertThat(incidents.find(ghost.id()).orElseThrow().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(incidents.find(ghost.id()).orElseThrow().closedReason()).isEqualTo(OrphanSweep.REASON);
        assertThat(incidents.timeline(ghost.id())).extracting(TimelineEntry::detail).contains(OrphanSweep.REASON);
        assertThat(incidents.find(orphan.id()).orElseThrow().state()).as("a running incident is left alone")
                .isEqualTo(IncidentState.OPEN);
        assertThat(sweep.sweep()).as("closed once").isZero();
    }

    @Test
    void aResponderClosesAnIncidentOverTheApiAndItsLifecycleEnds() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incident.id()).count()).isPositive();
        TestMail.purge();
        String reason = "DB 점검으로 인한 예정 작업 ${x} #{y} $(id) {0} %s\r\nBcc: evil@example.org";

        Response closed = TestHttp.on(port).as("devops1", "demo").post("/api/incidents/" + incident.id() + "/close",
                "{\"reason\":" + json(reason) + "}");

        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().get("closedBy").asText()).isEqualTo("devops1");
        assertThat(closed.json().get("closedReason").asText()).isEqualTo(reason);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incident.id()).count()).as("open tasks").isZero();
        runDueJobs();
        assertThat(new HistoricInstance(history.createHistoricProcessInstanceQuery()
                .processInstanceId(incident.processInstanceId()).singleResult()))
                .hasPassed("StartEvent_CloseRequested", "SendTask_NotifyClosedByPerson", "EndEvent_ClosedByPerson")
                .isEnded();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(incident.id())
                .processDefinitionKey(IncidentService.LIFECYCLE_PROCESS).count()).isZero();
        Received mail = TestMail.received().stream().filter(m -> m.subject().startsWith("[장애 종료]")).findFirst().orElseThrow();
        assertThat(mail.to()).contains("users@routing-ml.test", "devops@routing-ml.test").doesNotContain("evil@example.org");
        assertThat(mail.body()).contains("${x} #{y} $(id) {0} %s");

        Response again = TestHttp.on(port).as("devops1", "demo").post("/api/incidents/" + incident.id() + "/close",
                "{\"reason\":\"again\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("state").asText()).isEqualTo("CLOSED");
    }

    @Test
    void closingRefusesBadInputAndStrangersAndChangesNothing() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        String path = "/api/incidents/" + incident.id() + "/close";

        assertThat(devops.post(path, "{}").json().get("field").asText()).isEqualTo("reason");
        assertThat(devops.post(path, "{\"reason\":\"   \"}").status()).isEqualTo(400);
        assertThat(devops.post(path, "{\"reason\":\"" + "x".repeat(100_000) + "\"}").json().get("field").asText())
                .isEqualTo("reason");
        assertThat(devops.post(path, "").json().get("field").asText()).isEqualTo("body");
        assertThat(devops.post(path, "{\"reason\":\"a\\u0000b\"}").json().get("field").asText()).isEqualTo("reason");
        assertThat(devops.post(path, "{\"reason\":{\"nested\":1}}").status()).isEqualTo(400);
        assertThat(devops.post("/api/incidents/../../etc/passwd/close", "{\"reason\":\"x\"}").status()).isBetween(400, 404);
        assertThat(devops.post("/api/incidents/no-such-incident/close", "{\"reason\":\"x\"}").status()).isEqualTo(404);
        identity.saveUser(newUser("visitor"));
        TestHttp visitor = TestHttp.on(port).as("visitor", "visitor-pw");
        assertThat(visitor.post(path, "{\"reason\":\"x\"}").status()).isEqualTo(403);
        long incidentsBefore = incidents.list(java.util.Optional.empty()).size();
        assertThat(visitor.post("/api/incidents", "{\"type\":\"1\",\"scope\":\"whole\"}").status())
                .as("a user in no responder group opens nothing").isEqualTo(403);
        assertThat(incidents.list(java.util.Optional.empty())).hasSize((int) incidentsBefore);
        assertThat(visitor.get("/api/incidents/" + incident.id()).status()).as("but may read").isEqualTo(200);
        identity.deleteUser("visitor");

        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(incident.processInstanceId()).count()).isOne();
    }

    @Test
    void aFailedStepShowsOnTheIncidentWithWhatFailedAndSinceWhen() throws Exception {
        Path snapshots = WORK.resolve("snapshots");
        Path aside = WORK.resolve("snapshots-aside");
        if (Files.exists(snapshots)) {
            Files.move(snapshots, aside);
        }
        Files.writeString(snapshots, "a file where the snapshot folder should be");
        try {
            Incident incident = open(FailureType.BACKEND_API_DOWN);
            runJobsUntilAStepFails(incident);

            Response read = TestHttp.on(port).as("admin", "admin").get("/api/incidents/" + incident.id());
            assertThat(read.json().get("failedSteps")).hasSize(1);
            assertThat(read.json().get("failedSteps").get(0).get("activity").asText()).isEqualTo("Task_TakeLogSnapshot");
            assertThat(read.json().get("failedSteps").get(0).get("process").asText()).isEqualTo(IncidentService.LIFECYCLE_PROCESS);
            assertThat(read.json().get("failedSteps").get(0).get("message").asText()).contains("snapshots");
            assertThat(read.json().get("failedSteps").get(0).get("since").asText()).isNotBlank();
        } finally {
            Files.deleteIfExists(snapshots);
            if (Files.exists(aside)) {
                Files.move(aside, snapshots);
            }
        }
    }

    /** Runs the incident's jobs, letting failures happen as the job executor would, until one has used its retries. */
    private void runJobsUntilAStepFails(Incident incident) {
        for (int round = 0; round < 30 && runtime.createIncidentQuery().count() == 0; round++) {
            for (Job job : management.createJobQuery().executable().list()) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException expected) {
                    // the snapshot folder is a file: that job fails and is retried later
                }
            }
            advanceClockOnly(Duration.ofSeconds(11));
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(incident.processInstanceId()).count()).isOne();
    }

    private void advanceClockOnly(Duration duration) {
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
                org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().plus(duration)));
    }

    private org.camunda.bpm.engine.identity.User newUser(String id) {
        org.camunda.bpm.engine.identity.User user = identity.newUser(id);
        user.setPassword(id + "-pw");
        return user;
    }

    @Autowired
    org.camunda.bpm.engine.IdentityService identity;

    private static String json(String text) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
    }
}
