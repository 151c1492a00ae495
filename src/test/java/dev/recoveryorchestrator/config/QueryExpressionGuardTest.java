package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard at the engine, without HTTP: two in-memory engines configured as the application's (ad-hoc expressions
 * off, stored ones on), one with {@link QueryExpressionGuard} and one without. The one without shows the hole in
 * Camunda 7.24 and that the payload used here really runs code; the guarded one refuses every way a caller-supplied
 * expression reaches evaluation and still runs stored filters with expressions.
 */
class QueryExpressionGuardTest {

    private static ProcessEngine guarded;
    private static ProcessEngine unguarded;

    @TempDir
    Path folder;
    private Path canary;

    @BeforeAll
    static void engines() {
        guarded = engine("query-expression-guard", List.of(new QueryExpressionGuard()));
        unguarded = engine("query-expression-unguarded", List.of());
    }

    @AfterAll
    static void closeEngines() {
        guarded.close();
        unguarded.close();
    }

    @BeforeEach
    void canaryAndTasks() {
        canary = folder.resolve("canary");
        for (ProcessEngine engine : List.of(guarded, unguarded)) {
            TaskService tasks = engine.getTaskService();
            Task task = tasks.newTask();
            task.setName("DevOps 자체 해결 시도");
            tasks.saveTask(task);
            tasks.addCandidateGroup(task.getId(), "devops");
            Task other = tasks.newTask();
            other.setName("CTO 보고 및 외부 지원 검토");
            tasks.saveTask(other);
            tasks.addCandidateGroup(other.getId(), "cto");
        }
    }

    @AfterEach
    void cleanUp() {
        for (ProcessEngine engine : List.of(guarded, unguarded)) {
            engine.getIdentityService().clearAuthentication();
            engine.getTaskService().createTaskQuery().list()
                    .forEach(task -> engine.getTaskService().deleteTask(task.getId(), true));
            engine.getFilterService().createFilterQuery().list()
                    .forEach(filter -> engine.getFilterService().deleteFilter(filter.getId()));
        }
    }

    @Test
    void withoutTheGuardAnOrQueryExtendingAStoredFilterRunsCode() {
        String filterId = groupFilter(unguarded);
        as(unguarded, "devops1", "devops");

        try {
            unguarded.getFilterService().list(filterId, orQueryWith(unguarded, payload()));
        } catch (RuntimeException expected) {
            // the expression's value is no date; the code ran before that was noticed
        }

        assertThat(canary).as("the hole exists in this Camunda version and the payload works").exists();
    }

    @Test
    void refusesAnExpressionInTheOrQueriesOfAFiltersExtendingQueryForEveryExecution() {
        String filterId = groupFilter(guarded);
        as(guarded, "devops1", "devops");
        FilterService filters = guarded.getFilterService();

        List<Consumer<TaskQuery>> executions = List.of(
                extending -> filters.list(filterId, extending),
                extending -> filters.listPage(filterId, extending, 0, 10),
                extending -> filters.count(filterId, extending),
                extending -> filters.singleResult(filterId, extending));
        for (Consumer<TaskQuery> execution : executions) {
            for (String expression : List.of(payload(), deferredPayload())) {
                assertThatThrownBy(() -> execution.accept(orQueryWith(guarded, expression)))
                        .isInstanceOf(BadUserRequestException.class)
                        .hasMessageContaining("Expressions are forbidden in the query that extends a filter");
            }
        }
        assertThat(canary).doesNotExist();
    }

    @Test
    void refusesATopLevelExpressionInAnExtendingQueryEvenWithoutTheEnginesValidator() {
        String filterId = groupFilter(guarded);
        as(guarded, "devops1", "devops");
        // made without a command executor, so the engine's own ad-hoc validator is not on it
        TaskQuery extending = new TaskQueryImpl().dueAfterExpression(payload());

        assertThatThrownBy(() -> guarded.getFilterService().list(filterId, extending))
                .isInstanceOf(BadUserRequestException.class);
        assertThat(canary).doesNotExist();
    }

    @Test
    void refusesExpressionsInsideTheOrQueriesOfAnAdHocQuery() {
        as(guarded, "devops1", "devops");
        TaskService tasks = guarded.getTaskService();

        assertThatThrownBy(() -> tasks.createTaskQuery().or().dueAfterExpression(payload()).endOr().list())
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("Expressions are forbidden in ad-hoc queries");
        assertThatThrownBy(() -> tasks.createTaskQuery().or().dueAfterExpression(payload()).endOr().count())
                .isInstanceOf(BadUserRequestException.class);
        assertThatThrownBy(() -> tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").list())
                .isInstanceOf(BadUserRequestException.class);
        assertThat(canary).doesNotExist();
    }

    @Test
    void aStoredFilterWithCurrentUserGroupsStillListsTheGroupsTasksAlsoWhenExtendedWithoutExpressions() {
        String filterId = groupFilter(guarded);
        as(guarded, "devops1", "devops");
        FilterService filters = guarded.getFilterService();

        assertThat(filters.<Task>list(filterId)).extracting(Task::getName).containsExactly("DevOps 자체 해결 시도");
        TaskQuery extending = guarded.getTaskService().createTaskQuery()
                .or().taskName("DevOps 자체 해결 시도").taskNameLike("${currentUserGroups()}%").endOr()
                .orderByTaskName().asc();
        assertThat(filters.<Task, TaskQuery>list(filterId, extending)).extracting(Task::getName)
                .as("a value that looks like an expression is only a value").containsExactly("DevOps 자체 해결 시도");
        assertThat(filters.count(filterId, extending)).isOne();
    }

    @Test
    void onlyAdministratorsAndTheApplicationMayStoreAFilterWithExpressions() {
        FilterService filters = guarded.getFilterService();
        as(guarded, "devops1", "devops");

        TaskQuery topLevel = guarded.getTaskService().createTaskQuery().taskCandidateGroupInExpression(payload());
        TaskQuery inOrQuery = guarded.getTaskService().createTaskQuery().or().dueAfterExpression(payload()).endOr();
        for (TaskQuery query : List.of(topLevel, inOrQuery)) {
            Filter filter = filters.newTaskFilter("내 필터").setQuery((Query<?, ?>) query);
            assertThatThrownBy(() -> filters.saveFilter(filter)).isInstanceOf(AuthorizationException.class)
                    .hasMessageContaining("Only Camunda administrators");
        }
        assertThat(filters.createFilterQuery().count()).isZero();
        filters.saveFilter(filters.newTaskFilter("이름 필터")
                .setQuery((Query<?, ?>) guarded.getTaskService().createTaskQuery().taskName("${x}")));
        assertThat(filters.createFilterQuery().count()).as("a filter without expressions is fine").isOne();

        as(guarded, "admin", Groups.CAMUNDA_ADMIN);
        filters.saveFilter(filters.newTaskFilter("관리자 필터").setQuery((Query<?, ?>) topLevel));
        guarded.getIdentityService().clearAuthentication();
        groupFilter(guarded);
        assertThat(filters.createFilterQuery().count()).isEqualTo(3);
        assertThat(canary).as("storing evaluates nothing").doesNotExist();
    }

    /** Tasklist's filter as {@code IdentitySetup} stores it, saved by the application (no user). */
    private static String groupFilter(ProcessEngine engine) {
        TaskQuery query = engine.getTaskService().createTaskQuery()
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
        FilterService filters = engine.getFilterService();
        return filters.saveFilter(filters.newTaskFilter("내 그룹 작업 " + UUID.randomUUID())
                .setQuery((Query<?, ?>) query)).getId();
    }

    private static TaskQuery orQueryWith(ProcessEngine engine, String expression) {
        return engine.getTaskService().createTaskQuery().or().dueAfterExpression(expression).endOr();
    }

    /** Creates the canary file when evaluated. */
    private String payload() {
        return "${''.getClass().forName('java.io.File').getConstructor(''.getClass()).newInstance('"
                + canary + "').createNewFile()}";
    }

    private String deferredPayload() {
        return payload().replaceFirst("^\\$", "#");
    }

    private static void as(ProcessEngine engine, String user, String group) {
        engine.getIdentityService().setAuthentication(user, List.of(group));
    }

    private static ProcessEngine engine(String name, List<ProcessEnginePlugin> plugins) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setJobExecutorActivate(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
        configuration.setCmmnEnabled(false);
        configuration.setDmnEnabled(false);
        configuration.setMetricsEnabled(false);
        configuration.setEnableExpressionsInAdhocQueries(false);
        configuration.setEnableExpressionsInStoredQueries(true);
        configuration.setProcessEnginePlugins(new ArrayList<>(plugins));
        return configuration.buildProcessEngine();
    }
}
