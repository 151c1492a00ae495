package dev.recoveryorchestrator.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.escalation.EscalationSettings.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * Two nodes on one database run {@link IdentitySetup} at the same moment, as two orchestrators starting together
 * do: one "내 그룹 작업" filter remains, under its fixed id, granted to every tier group. Each node is an engine of
 * its own (its own connections and transactions) on the database the subclass gives; job executors are off.
 */
abstract class IdentitySetupRace {

    private static final List<Tier> TIERS = List.of(
            new Tier("devops", Duration.ZERO, "DevOps", "DevOps 자체 해결 시도", "해결해 주세요"),
            new Tier("cto", Duration.ofHours(2), "CTO", "CTO 보고", "결정해 주세요"));

    /** The two nodes, built on one database (the first creates Camunda's schema). */
    abstract ProcessEngine node(int number);

    @BeforeEach
    void noFilterYet() {
        FilterService filters = node(1).getFilterService();
        filters.createFilterQuery().list().forEach(filter -> filters.deleteFilter(filter.getId()));
    }

    @RepeatedTest(3)
    void twoNodesInsertingTheFilterAtOnceKeepOneUnderItsFixedId() throws Exception {
        List<String> ids = concurrently(() -> setup(node(1)).insertGroupTasksFilter(),
                () -> setup(node(2)).insertGroupTasksFilter());

        assertThat(ids).containsOnly(IdentitySetup.GROUP_TASKS_FILTER_ID);
        assertThat(groupTasksFilters()).extracting(Filter::getId).containsExactly(IdentitySetup.GROUP_TASKS_FILTER_ID);
    }

    @RepeatedTest(3)
    void twoNodesStartingTogetherMakeOneFilterGrantedToEveryTier() throws Exception {
        concurrently(() -> run(node(1)), () -> run(node(2)));

        assertThat(groupTasksFilters()).extracting(Filter::getId).containsExactly(IdentitySetup.GROUP_TASKS_FILTER_ID);
        for (Tier tier : TIERS) {
            assertThat(node(2).getAuthorizationService().createAuthorizationQuery().groupIdIn(tier.group())
                    .resourceType(Resources.FILTER).resourceId(IdentitySetup.GROUP_TASKS_FILTER_ID).list())
                    .as("read grants of the filter for " + tier.group()).hasSize(1);
            assertThat(node(2).getIdentityService().createUserQuery().memberOfGroup(tier.group()).count())
                    .as("demo users of " + tier.group()).isOne();
        }
    }

    @Test
    void theFilterStoresTheGroupQueryThatTasklistEvaluates() {
        setup(node(1)).run(new DefaultApplicationArguments());

        Filter filter = node(2).getFilterService().getFilter(IdentitySetup.GROUP_TASKS_FILTER_ID);
        assertThat(filter.getName()).isEqualTo(IdentitySetup.GROUP_TASKS_FILTER);
        assertThat(filter.getOwner()).isNull();
        assertThat(filter.getProperties()).containsEntry("priority", -10).containsEntry("refresh", true);
        assertThat(filter.<TaskQueryImpl>getQuery().getExpressions())
                .containsEntry("taskCandidateGroupIn", "${currentUserGroups()}");
    }

    @Test
    void aFilterOfThatNameMadeBeforeTheFixedIdIsKept() {
        FilterService filters = node(1).getFilterService();
        String earlier = filters.saveFilter(filters.newTaskFilter(IdentitySetup.GROUP_TASKS_FILTER)
                .setQuery(node(1).getTaskService().createTaskQuery())).getId();

        run(node(2));

        assertThat(groupTasksFilters()).extracting(Filter::getId).containsExactly(earlier);
        assertThat(node(1).getAuthorizationService().createAuthorizationQuery().groupIdIn("devops")
                .resourceType(Resources.FILTER).resourceId(earlier).list()).extracting(Authorization::getResourceId)
                .containsExactly(earlier);
    }

    @Test
    void anOpenIncidentsFilterMadeBeforeTheApprovalProcessListsItsTasksAndKeepsWhatWasAddedByHand() {
        FilterService filters = node(1).getFilterService();
        String earlier = filters.saveFilter(filters.newTaskFilter(IdentitySetup.OPEN_INCIDENTS_FILTER).setQuery(
                node(1).getTaskService().createTaskQuery().processDefinitionKeyIn("incident-lifecycle", "run-action",
                        "added-by-hand"))).getId();

        run(node(2));
        run(node(1));

        Filter filter = node(1).getFilterService().getFilter(earlier);
        assertThat(filter.<TaskQueryImpl>getQuery().getProcessDefinitionKeys())
                .contains("rto-fallback-approval", "added-by-hand").containsAll(IdentitySetup.RESPONSE_PROCESSES)
                .doesNotHaveDuplicates();
    }

    /** A node as the Spring Boot starter makes it: UUIDs as ids (no shared id block), job executor off here. */
    static ProcessEngine engine(String name, String jdbcUrl, String user, String password) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
        configuration.setIdGenerator(new StrongUuidGenerator());
        return configuration
                .setProcessEngineName(name)
                .setJdbcUrl(jdbcUrl)
                .setJdbcUsername(user)
                .setJdbcPassword(password)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setJobExecutorActivate(false)
                .buildProcessEngine();
    }

    private List<Filter> groupTasksFilters() {
        return node(1).getFilterService().createTaskFilterQuery().filterName(IdentitySetup.GROUP_TASKS_FILTER).list();
    }

    private static String run(ProcessEngine node) {
        setup(node).run(new DefaultApplicationArguments());
        return node.getName();
    }

    private static IdentitySetup setup(ProcessEngine node) {
        return new IdentitySetup(node, new EscalationSettings(TIERS, "cto"), new ContactSettings(Map.of()),
                new IdentitySettings(true, "race-demo-password"));
    }

    /** Runs both at the same moment, each on a thread of its own, and returns their results. */
    private static List<String> concurrently(Callable<String> first, Callable<String> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = List.of(first, second).stream().map(task -> pool.submit(() -> {
                ready.countDown();
                go.await();
                return task.call();
            })).toList();
            ready.await();
            go.countDown();
            return List.of(results.get(0).get(60, TimeUnit.SECONDS), results.get(1).get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
