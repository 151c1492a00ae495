package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.incident.FailureType;
import org.junit.jupiter.api.Test;

/**
 * Camunda 7.24 evaluates expressions inside a task query's {@code orQueries} although expressions are off for
 * ad-hoc queries: any logged-in user could run code through {@code POST /engine-rest/task}. We refuse them.
 */
class QueryExpressionGuardTest extends EngineTestSupport {

    @Test
    void refusesExpressionsInsideOrQueries() {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");

        Response response = devops.post("/engine-rest/task",
                "{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("Expressions are forbidden in ad-hoc queries");
        Response count = devops.post("/engine-rest/task/count",
                "{\"orQueries\":[{\"candidateGroupsExpression\":\"${currentUserGroups()}\"}]}");
        assertThat(count.status()).as(count.body()).isEqualTo(400);
    }

    @Test
    void stillRefusesTopLevelExpressionsAsTheEngineDoes() {
        Response response = TestHttp.on(port).as("devops1", "demo").post("/engine-rest/task",
                "{\"assigneeExpression\":\"${currentUser()}\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
    }

    @Test
    void answersOrQueriesWithoutExpressionsAndKeepsStoredFiltersWorking() throws Exception {
        breakStandin();
        open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");

        Response response = devops.post("/engine-rest/task",
                "{\"orQueries\":[{\"candidateGroup\":\"devops\",\"assignee\":\"devops1\"}]}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().size()).isEqualTo(2);

        String filterId = devops.get("/engine-rest/filter?name=" + java.net.URLEncoder.encode("내 그룹 작업",
                java.nio.charset.StandardCharsets.UTF_8)).json().get(0).get("id").asText();
        Response filtered = devops.get("/engine-rest/filter/" + filterId + "/list");
        assertThat(filtered.status()).as(filtered.body()).isEqualTo(200);
        assertThat(filtered.json().size()).as("the stored filter's ${currentUserGroups()} still works").isEqualTo(2);
    }
}
