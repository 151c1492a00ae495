package dev.recoveryorchestrator.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tasklist's <em>Start process</em> as responders meet it: it lists the latest active definitions that are startable
 * in Tasklist and that the user may start ({@code startablePermissionCheck}: READ and CREATE_INSTANCE), and a start
 * needs CREATE_INSTANCE on the definition and CREATE on process instances. A responder of
 * {@code recovery.inspection.starters} is offered the daily backup, the inspections and the drill and may start them;
 * a tier left out of the setting is offered nothing; nobody, not even the admin, is offered an internal process, and a
 * responder who tries one anyway over the REST API is refused, as is a start before a chosen activity, a restart, or a
 * start that sets the orchestrator's own variables.
 */
class StartByHandTest extends EngineTestSupport {

    /** What Tasklist 7.24 asks for when its <em>Start process</em> dialog opens (camunda-tasklist-bootstrap.js). */
    static final String TASKLIST_QUERY = "process-definition?latest=true&active=true&startableInTasklist=true"
            + "&startablePermissionCheck=true&firstResult=0&maxResults=15";
    static final Set<String> STARTABLE = Set.of("backup-daily", "inspection-weekly", "inspection-monthly",
            "inspection-drill");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private HandStarts handStarts;

    @Test
    void aDevopsEngineerIsOfferedExactlyTheBackupTheInspectionsAndTheDrillInTasklist() throws Exception {
        assertThat(keys(tasklist("devops1", "demo").get(TASKLIST_QUERY))).isEqualTo(new TreeSet<>(STARTABLE));
        assertThat(keys(TestHttp.on(port).as("devops1", "demo").get("/engine-rest/" + TASKLIST_QUERY).json()))
                .as("the engine REST API answers the same query alike").isEqualTo(new TreeSet<>(STARTABLE));
    }

    @Test
    void theAdminIsOfferedNoInternalProcess() throws Exception {
        assertThat(keys(tasklist("admin", "admin").get(TASKLIST_QUERY))).isEqualTo(new TreeSet<>(STARTABLE));
    }

    @Test
    void everyModelIsStartableInTasklistExactlyWhenItIsTheBackupAnInspectionOrTheDrill() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            models = files.filter(file -> file.getFileName().toString().endsWith(".bpmn")).sorted().toList();
        }

        assertThat(HandStarts.PROCESSES).containsExactlyInAnyOrderElementsOf(STARTABLE);
        assertThat(models).hasSizeGreaterThanOrEqualTo(14).allSatisfy(model -> {
            for (Process process : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(Process.class)) {
                assertThat(process.isCamundaStartableInTasklist()).as(process.getId() + " camunda:isStartableInTasklist")
                        .isEqualTo(STARTABLE.contains(process.getId()));
            }
        });
    }

    @Test
    void aDevopsEngineerStartsTheDailyBackupOverTheEngineRestApi() {
        Response started = TestHttp.on(port).as("devops1", "demo")
                .post("/engine-rest/process-definition/key/backup-daily/start", "{}");

        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String id = started.json().get("id").asText();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).processDefinitionKey("backup-daily").count())
                .isOne();
    }

    @Test
    void aDevopsEngineerMayNotStartRunActionARunbookOrTheLifecycle() {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        for (String key : List.of("run-action", "runbook-backend-api-down", "incident-lifecycle", "notification-mail",
                "incident-review")) {
            Response refused = devops.post("/engine-rest/process-definition/key/" + key + "/start",
                    "{\"variables\":{\"actionName\":{\"value\":\"restart-backend\"}}}");

            assertThat(refused.status()).as(key + ": " + refused.body()).isEqualTo(403);
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(key).count()).as(key).isZero();
        }
    }

    @Test
    void aTierUserOutsideTheStartersIsOfferedNothingAndMayNotStartTheBackup() throws Exception {
        try {
            HandStarts reduced = new HandStarts(engine, new HandStartSettings(List.of("devops", "cto")));
            reduced.run(null);

            assertThat(keys(tasklist("backend1", "demo").get(TASKLIST_QUERY))).isEmpty();
            Response refused = TestHttp.on(port).as("backend1", "demo")
                    .post("/engine-rest/process-definition/key/backup-daily/start", "{}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThatThrownBy(() -> reduced.require(() -> "backend1", "starting an inspection"))
                    .as("nor an inspection through the orchestrator's API, which asks the same groups")
                    .hasMessageContaining("403").hasMessageContaining("[devops, cto] (recovery.inspection.starters)");
            assertThat(reduced.require(() -> "admin", "starting an inspection")).isEqualTo("admin");
            assertThat(keys(tasklist("cto1", "demo").get(TASKLIST_QUERY))).isEqualTo(new TreeSet<>(STARTABLE));
        } finally {
            handStarts.run(null);
        }
        assertThat(keys(tasklist("backend1", "demo").get(TASKLIST_QUERY))).as("the configured starters again")
                .isEqualTo(new TreeSet<>(STARTABLE));
    }

    @Test
    void anInspectionStartedByHandIsTheStartersAndWaitsForTheOneStillChecking() {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");

        Response started = devops.post("/engine-rest/process-definition/key/inspection-weekly/start",
                "{\"variables\":{\"requestedBy\":{\"value\":\"cto1\"}}}");

        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String id = started.json().get("id").asText();
        assertThat(runtime.getVariable(id, "requestedBy")).as("whoever the request names").isEqualTo("devops1");
        assertThat(runtime.getVariable(id, "inspectionKind")).isEqualTo("weekly");
        Response again = devops.post("/engine-rest/process-definition/key/inspection-weekly/start", "{}");
        assertThat(again.status()).as("the engine's REST API answers a refusing start listener with 500: " + again.body())
                .isEqualTo(500);
        assertThat(again.body()).contains("a weekly inspection is already running (" + id + ")");
        assertThat(devops.post("/api/inspections/weekly", "").status()).as("as the orchestrator's API says").isEqualTo(409);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Inspections.WEEKLY).count()).isOne();
    }

    @Test
    void hostileValuesInAHandStartAreKeptAsDataAndNeverNameTheStarter() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String hostile = dev.recoveryorchestrator.HostileValues.LINES + "\u0000";
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");

        Response started = devops.post("/engine-rest/process-definition/key/inspection-weekly/start",
                json.writeValueAsString(java.util.Map.of("businessKey", "${x}", "variables", java.util.Map.of(
                        "requestedBy", java.util.Map.of("value", hostile),
                        "handNote", java.util.Map.of("value", hostile)))));

        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String id = started.json().get("id").asText();
        assertThat(runtime.getVariable(id, "requestedBy")).as("the login, never the request's text").isEqualTo("devops1");
        assertThat(runtime.getVariable(id, "handNote")).as("stored verbatim, not evaluated").isEqualTo(hostile);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey())
                .as("a business key is text").isEqualTo("${x}");
        runtime.deleteProcessInstance(id, "test");

        Response big = devops.post("/engine-rest/process-definition/key/inspection-weekly/start",
                json.writeValueAsString(java.util.Map.of("variables", java.util.Map.of(
                        "handNote", java.util.Map.of("value", "x".repeat(100 * 1024))))));
        assertThat(big.status()).as("100 KB of text is refused, not stored: " + big.body()).isBetween(400, 599);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Inspections.WEEKLY).count())
                .as("nothing started from it").isZero();
    }

    @Test
    void aResponderStartsTheDrillOnlyAtItsStartNeverAtAnActivityOfTheirChoosing() {
        Response refused = TestHttp.on(port).as("devops1", "demo").post(
                "/engine-rest/process-definition/key/inspection-drill/start", "{\"skipCustomListeners\":true,"
                        + "\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_InjectFailure\"}],"
                        + "\"variables\":{\"drillType\":{\"value\":\"backend-api-down\"}}}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("starting one at chosen activities, or restarting one");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Inspections.DRILL).count()).isZero();
    }

    @Test
    void aResponderRestartsNoFinishedBackupAtAnActivityOfTheirChoosing() {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        JsonNode started = devops.post("/engine-rest/process-definition/key/backup-daily/start", "{}").json();
        runtime.deleteProcessInstance(started.get("id").asText(), "finished for the test");

        Response refused = devops.post("/engine-rest/process-definition/" + started.get("definitionId").asText()
                + "/restart", "{\"processInstanceIds\":[\"" + started.get("id").asText() + "\"],\"skipCustomListeners\":true,"
                + "\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_ApplyRetention\"}]}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("backup-daily").count()).isZero();
    }

    @Test
    void aResponderCannotStartTheDrillWithTheOrchestratorsOwnVariablesSet() {
        Response refused = TestHttp.on(port).as("devops1", "demo").post(
                "/engine-rest/process-definition/key/inspection-drill/start", "{\"variables\":{"
                        + "\"drillType\":{\"value\":\"backend-api-down\"},\"drillStartedBy\":{\"value\":\"cto1\"}}}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("drillStartedBy");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Inspections.DRILL).count()).isZero();
    }

    private static Set<String> keys(JsonNode definitions) {
        assertThat(definitions.isArray()).as(definitions.toString()).isTrue();
        Set<String> keys = new TreeSet<>();
        definitions.forEach(definition -> keys.add(definition.get("key").asText()));
        return keys;
    }

    /** A Tasklist session: logged in through the webapp's login as its page does, then its engine API. */
    private Session tasklist(String user, String password) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        String csrf = page.headers().firstValue("X-XSRF-TOKEN").orElse("");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                        URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("X-XSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(user + " logs in to Tasklist: " + login.body()).isEqualTo(200);
        return new Session(client, base + "/camunda/api/engine/engine/default/");
    }

    /** The logged-in webapp's engine API, as Tasklist's scripts call it. */
    private record Session(HttpClient client, String engineApi) {

        JsonNode get(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(engineApi + path))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }
    }
}
