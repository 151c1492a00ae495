package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.config.LoopbackClient.Reply;
import dev.recoveryorchestrator.incident.FailureType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FilterService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda 7.24 evaluates expressions that a caller puts into a task query's {@code orQueries}, and into the query
 * that extends a stored filter, although expressions are off for ad-hoc queries: any logged-in user could run code
 * on the server. Here a tier user ({@code devops1}) tries it through every door, the engine REST API and Tasklist's
 * own API, with a payload that would create a canary file: each is refused and the canary never appears, while the
 * stored "내 그룹 작업" filter with {@code ${currentUserGroups()}} still lists the user's tasks.
 */
class QueryExpressionHttpTest extends EngineTestSupport {

    private static final Path CANARIES = TestEnvironment.tempFolder("canaries");
    private static final String GROUP_FILTER = "내 그룹 작업";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HAL = Map.of("Accept", "application/hal+json");
    private static final Map<String, String> JSON_ONLY = Map.of("Accept", "application/json");

    @Autowired
    private FilterService filters;

    private Path canary;
    private String filterId;
    private LoopbackClient devops;

    @BeforeEach
    void devopsHasTwoTasks() throws Exception {
        canary = CANARIES.resolve("canary-" + UUID.randomUUID());
        breakStandin();
        open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        filterId = filters.createTaskFilterQuery().filterName(GROUP_FILTER).singleResult().getId();
        devops = LoopbackClient.from("127.0.0.1", port).as("devops1", "demo");
    }

    @Test
    void theStoredGroupFilterStillListsTheDevopsTasksThroughRestAndTasklist() {
        Reply listed = devops.get("/engine-rest/filter/" + filterId + "/list");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().size()).as("the stored filter's ${currentUserGroups()} still works").isEqualTo(2);

        String tasklistLike = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
                + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true,"
                + "\"orQueries\":[{\"candidateGroup\":\"devops\",\"assignee\":\"devops1\"}]}";
        Reply extended = devops.post("/engine-rest/filter/" + filterId + "/list", tasklistLike);
        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        assertThat(extended.json().size()).isEqualTo(2);
        assertThat(devops.post("/engine-rest/filter/" + filterId + "/count", tasklistLike).json().get("count").asInt())
                .isEqualTo(2);

        LoopbackClient tasklist = LoopbackClient.from("127.0.0.1", port);
        assertThat(tasklist.loginToWebapp("tasklist", "devops1", "demo").status()).isEqualTo(200);
        Reply hal = tasklist.post("/camunda/api/engine/engine/default/filter/" + filterId + "/list?firstResult=0&maxResults=15",
                HAL, tasklistLike);
        assertThat(hal.status()).as(hal.body()).isEqualTo(200);
        assertThat(hal.json().get("count").asInt()).isEqualTo(2);
        assertThat(hal.json().get("_embedded").get("task").size()).isEqualTo(2);
    }

    @Test
    void anExpressionInTheQueryThatExtendsAFilterIsRefusedOnEveryRestExecution() {
        for (String execution : List.of("list", "count", "singleResult")) {
            for (String body : exploits()) {
                Reply refused = devops.post("/engine-rest/filter/" + filterId + "/" + execution, body);
                assertThat(refused.status()).as(execution + " " + body + ": " + refused.body()).isEqualTo(400);
                assertThat(canary).as(execution + " " + body).doesNotExist();
            }
        }
        Reply refused = devops.post("/engine-rest/filter/" + filterId + "/list", exploits().get(0));
        assertThat(refused.body()).contains("Expressions are forbidden in the query that extends a filter");
    }

    @Test
    void aFilterReadByGetTakesNoQueryFromTheQueryString() {
        String query = "?orQueries=" + encode("[{\"dueAfterExpression\":\"" + payload() + "\"}]")
                + "&dueAfterExpression=" + encode(payload()) + "&assigneeExpression=" + encode(payload());

        Reply listed = devops.get("/engine-rest/filter/" + filterId + "/list" + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().size()).as("the parameters are ignored: the stored filter's tasks").isEqualTo(2);
        Reply counted = devops.get("/engine-rest/filter/" + filterId + "/count" + query);
        assertThat(counted.json().get("count").asInt()).isEqualTo(2);
        Reply single = devops.get("/engine-rest/filter/" + filterId + "/singleResult" + query);
        assertThat(single.status()).as("two tasks are no single result").isEqualTo(400);
        assertThat(canary).doesNotExist();
    }

    @Test
    void anExpressionInTheQueryThatExtendsAFilterIsRefusedThroughTasklistsApi() {
        LoopbackClient tasklist = LoopbackClient.from("127.0.0.1", port);
        assertThat(tasklist.loginToWebapp("tasklist", "devops1", "demo").status()).isEqualTo(200);
        String base = "/camunda/api/engine/engine/default/filter/" + filterId;

        Map<String, Map<String, String>> executions = Map.of("/list?firstResult=0&maxResults=15", HAL,
                "/count", JSON_ONLY, "/singleResult", HAL);
        for (Map.Entry<String, Map<String, String>> execution : executions.entrySet()) {
            for (String body : exploits()) {
                Reply refused = tasklist.post(base + execution.getKey(), execution.getValue(), body);
                assertThat(refused.status()).as(execution.getKey() + " " + body + ": " + refused.body()).isEqualTo(400);
                assertThat(canary).as(execution.getKey() + " " + body).doesNotExist();
            }
        }
        Reply adHoc = tasklist.post("/camunda/api/engine/engine/default/task", JSON_ONLY, exploits().get(0));
        assertThat(adHoc.status()).as(adHoc.body()).isEqualTo(400);
        Reply listed = tasklist.send("GET", base + "/list?orQueries=" + encode("[{\"dueAfterExpression\":\""
                + payload() + "\"}]"), HAL, null, null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().get("count").asInt()).isEqualTo(2);
        assertThat(canary).doesNotExist();
    }

    @Test
    void anExpressionInsideTheOrQueriesOfAnAdHocTaskQueryIsRefused() {
        for (String path : List.of("/engine-rest/task", "/engine-rest/task/count")) {
            for (String body : exploits()) {
                Reply refused = devops.post(path, body);
                assertThat(refused.status()).as(path + " " + body + ": " + refused.body()).isEqualTo(400);
            }
        }
        Reply refused = devops.post("/engine-rest/task",
                "{\"orQueries\":[{\"candidateGroupsExpression\":\"${currentUserGroups()}\"}]}");
        assertThat(refused.body()).contains("Expressions are forbidden in ad-hoc queries");
        assertThat(canary).doesNotExist();

        Reply plain = devops.post("/engine-rest/task", "{\"orQueries\":[{\"candidateGroup\":\"devops\",\"assignee\":\"devops1\"}]}");
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.json().size()).isEqualTo(2);
    }

    @Test
    void hostileValuesInPlainFieldsAreOnlyValues() {
        for (String hostile : List.of(payload(), "#{x}", "${x}", "$(id)", "; id", "../..", "a\r\nX-Injected: 1", "a\u0000b",
                "x".repeat(100_000))) {
            ObjectNode orQuery = JSON.createObjectNode().put("assignee", hostile).put("nameLike", "%" + hostile + "%");
            ObjectNode body = JSON.createObjectNode();
            body.putArray("orQueries").add(orQuery);
            body.put("description", hostile);

            Reply listed = devops.post("/engine-rest/filter/" + filterId + "/list", body.toString());
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.json().size()).isZero();
            Reply adHoc = devops.post("/engine-rest/task", body.toString());
            assertThat(adHoc.status()).as(adHoc.body()).isEqualTo(200);
        }
        assertThat(canary).doesNotExist();
    }

    @Test
    void aTierUserCanNeitherCreateNorChangeAFilterToHoldAnExpression() {
        long before = filters.createFilterQuery().count();
        String query = "{\"orQueries\":[{\"dueAfterExpression\":\"" + payload() + "\"}]}";
        Reply created = devops.post("/engine-rest/filter/create",
                "{\"resourceType\":\"Task\",\"name\":\"내 필터\",\"query\":" + query + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(403);
        Reply changed = devops.send("PUT", "/engine-rest/filter/" + filterId, Map.of(), "application/json",
                "{\"resourceType\":\"Task\",\"name\":\"" + GROUP_FILTER + "\",\"query\":" + query + "}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(403);

        assertThat(filters.createFilterQuery().count()).isEqualTo(before);
        assertThat(devops.get("/engine-rest/filter/" + filterId + "/list").json().size()).isEqualTo(2);
        assertThat(canary).doesNotExist();
    }

    /** Bodies that would run the payload: in an or-query, deferred ({@code #{}}), and at the top level. */
    private List<String> exploits() {
        return List.of(
                "{\"orQueries\":[{\"dueAfterExpression\":\"" + payload() + "\"}]}",
                "{\"orQueries\":[{\"assigneeExpression\":\"" + payload().replaceFirst("^\\$", "#") + "\"}]}",
                "{\"orQueries\":[{\"candidateGroupsExpression\":\"${currentUserGroups()}\"},"
                        + "{\"followUpBeforeExpression\":\"" + payload() + "\"}]}",
                "{\"dueAfterExpression\":\"" + payload() + "\"}");
    }

    /** Creates the canary file when evaluated. */
    private String payload() {
        return "${''.getClass().forName('java.io.File').getConstructor(''.getClass()).newInstance('"
                + canary + "').createNewFile()}";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
