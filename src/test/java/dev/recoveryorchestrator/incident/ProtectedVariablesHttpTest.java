package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a responder can do through a task, as a responder would try it over Camunda's REST API: the variables the
 * orchestrator keeps (which incident, who recovered it, what the runbook concluded) cannot be set through a task;
 * a decision is recorded under the person who made it, not the assignee they typed; a note passes the API's checks.
 */
class ProtectedVariablesHttpTest extends EngineTestSupport {

    TestHttp devops;
    Incident incident;
    Task triage;

    @BeforeEach
    void aTriageTaskIsOpen() {
        devops = TestHttp.on(port).as("devops1", "demo");
        incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.PARTIAL, "by hand", "test",
                "devops1")).incident();
        runDueJobs();
        triage = tasks.createTaskQuery().taskDefinitionKey("UserTask_Triage").singleResult();
    }

    @Test
    void aResponderCannotSetTheOrchestratorsVariablesThroughATask() {
        Response forged = devops.put("/engine-rest/task/" + triage.getId() + "/variables/recoveredBy",
                "{\"value\":\"forged\"}");
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        // Refused twice over: no variable outside a completion (config.ResponderCommandGuard), and not this name.
        assertThat(runtime.getVariable(incident.processInstanceId(), IncidentVariables.RECOVERED_BY)).isNotEqualTo("forged");

        Task tier = tasks.createTaskQuery().taskDefinitionKey("UserTask_TierResponse").singleResult();
        Response moved = devops.post("/engine-rest/task/" + tier.getId() + "/variables",
                "{\"modifications\":{\"incidentId\":{\"value\":\"0000\"},\"runbookOutcome\":{\"value\":\"false-alarm\"}}}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(403);

        Response completed = devops.post("/engine-rest/task/" + triage.getId() + "/complete",
                "{\"variables\":{\"triageDecision\":{\"value\":\"proceed\"},\"closedReason\":{\"value\":\"x\"}}}");
        assertThat(completed.status()).isEqualTo(403);

        assertThat(runtime.getVariable(incident.processInstanceId(), IncidentVariables.INCIDENT_ID)).isEqualTo(incident.id());
        assertThat(runtime.getVariable(incident.processInstanceId(), IncidentVariables.RUNBOOK_OUTCOME)).isEqualTo("");
        assertThat(tasks.createTaskQuery().taskId(triage.getId()).count()).as("the triage task stays open").isOne();
    }

    @Test
    void aDecisionIsRecordedUnderThePersonWhoMadeItNotTheAssigneeTheyChose() {
        assertThat(devops.post("/engine-rest/task/" + triage.getId() + "/assignee", "{\"userId\":\"cto1\"}").status())
                .isEqualTo(204);

        Response completed = devops.post("/engine-rest/task/" + triage.getId() + "/complete",
                "{\"variables\":{\"triageDecision\":{\"value\":\"false-alarm\"},\"triageNote\":{\"value\":\"오접수\"}}}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        runDueJobs();

        Incident closed = incidents.find(incident.id()).orElseThrow();
        assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
        assertThat(closed.closedBy()).isEqualTo("devops1");
        assertThat(incidents.timeline(incident.id())).noneMatch(entry -> entry.detail().contains("cto1"));
    }

    @Test
    void aNoteWithControlOrFormatCharactersOrTooLongIsRefusedAndTheTaskStays() {
        for (String note : new String[] {"a\\u0000b", "\\u202eevil\\u202c", "\\u001b[31m", "x".repeat(2001)}) {
            Response refused = devops.post("/engine-rest/task/" + triage.getId() + "/complete",
                    "{\"variables\":{\"triageDecision\":{\"value\":\"false-alarm\"},\"triageNote\":{\"value\":\"" + note + "\"}}}");
            assertThat(refused.status()).as(note).isEqualTo(400);
            assertThat(refused.body()).doesNotContain("update ro_incident");
        }
        Response badDecision = devops.post("/engine-rest/task/" + triage.getId() + "/complete",
                "{\"variables\":{\"triageDecision\":{\"value\":\"${x}\"}}}");
        // A choice outside the form's is refused by the task's listener; Camunda answers that with its own 500.
        assertThat(badDecision.status()).isGreaterThanOrEqualTo(400);
        assertThat(badDecision.body()).doesNotContain("update ro_incident");
        assertThat(tasks.createTaskQuery().taskId(triage.getId()).count()).isOne();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void aVariableOrFileOverTheRequestBoundIsRefusedWith413AndNothingIsStored() throws Exception {
        String big = "x".repeat(2 * 1024 * 1024);
        Response inline = devops.put("/engine-rest/task/" + triage.getId() + "/localVariables/evidence",
                "{\"value\":\"" + big + "\",\"type\":\"String\"}");
        assertThat(inline.status()).as(inline.body()).isEqualTo(413);
        assertThat(inline.json().get("field").asText()).isEqualTo("body");

        String boundary = "bound" + System.nanoTime();
        byte[] multipart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + big + "\r\n--" + boundary + "--\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (boolean chunked : new boolean[] {false, true}) {
            var body = chunked
                    ? java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(multipart))
                    : java.net.http.HttpRequest.BodyPublishers.ofByteArray(multipart);
            var file = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + port + "/engine-rest/task/" + triage.getId() + "/localVariables/evidence/data"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            "devops1:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(body).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(file.statusCode()).as((chunked ? "chunked: " : "with its length: ") + file.body()).isEqualTo(413);
        }

        assertThat(tasks.getVariablesLocal(triage.getId())).as("nothing stored").doesNotContainKey("evidence");
        Response small = devops.put("/engine-rest/task/" + triage.getId() + "/localVariables/evidence",
                "{\"value\":\"" + "x".repeat(100_000) + "\",\"type\":\"String\"}");
        assertThat(small.status()).as("within the bound the engine decides: " + small.body()).isNotEqualTo(413);
    }
}
