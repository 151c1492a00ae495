package dev.recoveryorchestrator.taskform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every human task of an incident carries the incident's context for its form, is due at the RTO deadline and
 * followed up at the next tier's time; every user task of every model has a form served at its form key, and the
 * engine refuses a submission that leaves a required field empty whatever the browser did.
 */
class TaskFormsTest extends EngineTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "{{constructor.constructor('alert(1)')()}} <img src=x onerror=alert(1)> "
            + "${x} #{x} $(id) ; id ../..";

    @Autowired
    RepositoryService repository;
    @Autowired
    FormService forms;

    @Test
    void eachTaskOfAnIncidentIsDueAtTheRtoDeadlineAndFollowedUpAtTheNextTier() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();

        Task manual = task(incident, "UserTask_ManualRecovery");
        assertThat(manual.getDueDate().toInstant()).isEqualTo(incident.rtoDeadline());
        assertThat(manual.getFollowUpDate().toInstant()).as("the backend tier joins after 30 minutes")
                .isEqualTo(incident.openedAt().plus(Duration.ofMinutes(30)));

        advanceTo(Duration.ofHours(2));
        Task cto = tasks.createTaskQuery().processInstanceBusinessKey(incident.id()).taskCandidateGroup("cto").list()
                .stream().filter(task -> task.getTaskDefinitionKey().equals("UserTask_DecideExternalSupport"))
                .findFirst().orElseThrow();
        assertThat(cto.getDueDate().toInstant()).isEqualTo(incident.rtoDeadline());
        assertThat(cto.getFollowUpDate()).as("no tier joins after the CTO").isNull();
    }

    @Test
    void aTaskCarriesTheIncidentWhatTheMachineTriedAndTheLastLogLines() throws Exception {
        breakStandin();
        Incident incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.PARTIAL, HOSTILE,
                "test", null)).incident();
        runDueJobs();

        JsonNode context = context(task(incident, "UserTask_ManualRecovery"));
        assertThat(context.get("incidentId").asText()).isEqualTo(incident.id());
        assertThat(context.get("typeName").asText()).isEqualTo("Type 1 Backend API 서버 다운");
        assertThat(context.get("summary").asText()).as("kept as it came: data, shown as text").isEqualTo(HOSTILE);
        assertThat(context.get("rtoDeadline").asText()).isEqualTo(incident.rtoDeadline().toString());
        assertThat(context.get("timeZone").asText()).isNotBlank();
        assertThat(context.get("nextTierAtText").asText()).as("the backend tier, as people read times")
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(context.get("findings")).isNotEmpty();
        assertThat(texts(context.get("tried"))).anyMatch(line -> line.contains("재시작"));
        assertThat(context.get("links").get("cockpit").asText())
                .isEqualTo("/camunda/app/cockpit/default/#/audit/process-instance/" + incident.processInstanceId());
        assertThat(context.get("logLines").isArray()).isTrue();

        JsonNode tier = context(task(incident, "UserTask_TierResponse"));
        assertThat(tier.get("findings")).as("a lifecycle task reads the runbook's findings").isNotEmpty();
    }

    @Test
    void anInspectionsTaskShowsWhatItsDescriptionSaysAndKeepsItsOwnDueDate() throws Exception {
        breakStandin();
        String inspection = runtime.startProcessInstanceByKey("inspection-weekly").getId();
        runDueJobs();

        Task fix = tasks.createTaskQuery().processInstanceId(inspection).taskDefinitionKey("Task_FixFinding").list()
                .stream().findFirst().orElseThrow(() -> new AssertionError("the failed health check has no task"));
        JsonNode context = context(fix);
        assertThat(context.get("incidentId")).as("no incident").isNull();
        assertThat(context.get("ask").asText()).isEqualTo(fix.getDescription()).startsWith("발견:");
        assertThat(fix.getDueDate()).as("the inspection's own due date").isNotNull();
        assertThat(fix.getFollowUpDate()).isNull();
        runtime.deleteProcessInstance(inspection, "test done");
    }

    @Test
    void everyUserTaskOfEveryModelHasItsFormServed() throws Exception {
        List<ProcessDefinition> latest = repository.createProcessDefinitionQuery().latestVersion().list();
        int checked = 0;
        for (ProcessDefinition definition : latest) {
            BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                String path = "/forms/" + definition.getKey() + "/" + task.getId() + ".html";
                assertThat(task.getCamundaFormKey()).as(task.getId()).isEqualTo("embedded:" + path);
                HttpResponse<String> form = get(path);
                assertThat(form.statusCode()).as(path).isEqualTo(200);
                assertThat(form.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
                assertThat(form.body()).as(path).contains("cam-script", "class=\"ro-context\"")
                        .doesNotContain("{{", "}}");
                checked++;
            }
        }
        assertThat(checked).as("user tasks in the deployed models").isGreaterThanOrEqualTo(25);
    }

    @Test
    void theManualRecoveryFormAsksForARequiredChoiceAndShowsTheEngineClock() throws Exception {
        ClockUtil.setCurrentTime(java.util.Date.from(Instant.parse("2026-03-01T18:00:00Z")));
        String html = get("/forms/runbook-backend-api-down/UserTask_ManualRecovery.html").body();
        assertThat(html).contains("data-server-now=\"2026-03-01T18:00:00Z\"")
                .containsPattern("<select[^>]*cam-variable-name=\"decision\"[^>]*required")
                .contains("<option value=\"restart\">다시 재시작</option>", "<option value=\"\">선택하세요</option>")
                .contains("복구 방법 선택");
    }

    @Test
    void aRequiredFieldLeftEmptyIsRefusedByTheEngine() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        Task manual = task(incident, "UserTask_ManualRecovery");

        assertThatThrownBy(() -> forms.submitTaskForm(manual.getId(), Map.of()))
                .isInstanceOf(FormFieldValidatorException.class).hasMessageContaining("decision");
        assertThat(tasks.createTaskQuery().taskId(manual.getId()).count()).as("still open").isOne();
    }

    @Test
    void badFormPathsGetProblemDetailsNamingTheField() throws Exception {
        int problems = 0;
        for (String bad : List.of("%24%7Bx%7D", "%23%7Bx%7D", "%24(id)", "%3B%20id", "a%0D%0AX-Injected:%201",
                "a%00b", "x".repeat(100 * 1024))) {
            HttpResponse<String> response = get("/forms/runbook-backend-api-down/" + bad + ".html");
            assertThat(response.statusCode()).as(bad.substring(0, Math.min(20, bad.length()))).isBetween(400, 499);
            // Tomcat itself refuses some (its own 400 page); what reaches us gets a problem detail naming the field.
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                assertThat(response.body()).contains("\"field\":\"task\"");
                problems++;
            }
            assertThat(response.headers().map()).doesNotContainKey("X-Injected");
        }
        assertThat(problems).as("hostile task ids that reached the controller").isGreaterThanOrEqualTo(3);
        HttpResponse<String> badProcess = get("/forms/Runbook$%7Bx%7D/UserTask_ManualRecovery.html");
        assertThat(badProcess.statusCode()).isEqualTo(400);
        assertThat(badProcess.body()).contains("\"field\":\"process\"");
        assertThat(get("/forms/runbook-backend-api-down/UserTask_NoSuchTask.html").statusCode()).isEqualTo(404);
        assertThat(get("/forms/no-such-process/UserTask_ManualRecovery.html").statusCode()).isEqualTo(404);
    }

    private Task task(Incident incident, String definitionKey) {
        return tasks.createTaskQuery().processInstanceBusinessKey(incident.id()).taskDefinitionKey(definitionKey)
                .list().stream().findFirst().orElseThrow(() -> new AssertionError("no open " + definitionKey));
    }

    private JsonNode context(Task task) throws Exception {
        Object raw = tasks.getVariableLocal(task.getId(), TaskContext.VARIABLE);
        assertThat(raw).as("the task's context").isInstanceOf(String.class);
        return JSON.readTree((String) raw);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
