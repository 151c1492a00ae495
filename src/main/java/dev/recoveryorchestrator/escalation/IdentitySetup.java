package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.escalation.ContactSettings.Contact;
import dev.recoveryorchestrator.escalation.EscalationSettings.Tier;
import dev.recoveryorchestrator.incident.FailureType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Makes one Camunda group per escalation tier, the demo's users, and what they may see: Tasklist and Cockpit,
 * the process definitions and instances (Cockpit is the audit trail), and a Tasklist filter of their group's
 * tasks. No group may read tasks in general: a task is visible to the groups it is offered to (the engine
 * grants that when it makes a group a candidate), so a DevOps engineer does not see the CTO's task.
 * Idempotent, so every node runs it at every start.
 */
@Component
class IdentitySetup implements ApplicationRunner {

    static final String GROUP_TASKS_FILTER = "내 그룹 작업";
    /**
     * The filter's id, the same on every node: two nodes starting together both insert it, and the database's primary
     * key keeps one (Camunda's filter table has no unique name, so a query-then-insert would keep both).
     */
    static final String GROUP_TASKS_FILTER_ID = "recovery-group-tasks";
    static final String OPEN_INCIDENTS_FILTER = "모든 진행 중 장애";
    static final String OPEN_INCIDENTS_FILTER_ID = "recovery-open-incidents";
    static final String DRILLS_FILTER = "훈련 (DR drill)";
    static final String DRILLS_FILTER_ID = "recovery-drills";
    /** The processes whose tasks belong to an open incident's response (the review comes after it). */
    static final List<String> RESPONSE_PROCESSES = Stream.concat(Stream.of("incident-lifecycle", "run-action",
            RtoFallbackApproval.PROCESS),
            Arrays.stream(FailureType.values()).map(FailureType::runbookProcessKey)).toList();
    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final CommandExecutor commands;
    private final EscalationSettings escalation;
    private final ContactSettings contacts;
    private final IdentitySettings settings;

    IdentitySetup(ProcessEngine engine, EscalationSettings escalation, ContactSettings contacts,
            IdentitySettings settings) {
        this.identity = engine.getIdentityService();
        this.authorizations = engine.getAuthorizationService();
        this.filters = engine.getFilterService();
        this.tasks = engine.getTaskService();
        this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        this.escalation = escalation;
        this.contacts = contacts;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        String filterId = groupTasksFilter();
        String openIncidents = ensureFilter(openIncidentsFilter());
        withEveryResponseProcess(openIncidents);
        String drills = ensureFilter(drillsFilter());
        for (Tier tier : escalation.tiers()) {
            ensureGroup(tier);
            grant(tier.group(), Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(tier.group(), Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(tier.group(), Resources.FILTER, filterId, Permissions.READ);
            grant(tier.group(), Resources.FILTER, drills, Permissions.READ);
            grant(tier.group(), Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, Permissions.READ_HISTORY);
            grant(tier.group(), Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
            if (settings.demoUsers()) {
                ensureDemoUser(tier);
            }
        }
        // The final-approval tier oversees every open incident, not only the tasks offered to it.
        grant(escalation.approverGroup(), Resources.FILTER, openIncidents, Permissions.READ);
        for (String process : RESPONSE_PROCESSES) {
            grant(escalation.approverGroup(), Resources.PROCESS_DEFINITION, process, Permissions.READ_TASK);
        }
    }

    private void ensureGroup(Tier tier) {
        if (identity.createGroupQuery().groupId(tier.group()).count() > 0) {
            return;
        }
        Group group = identity.newGroup(tier.group());
        group.setName(tier.name());
        group.setType(Groups.GROUP_TYPE_WORKFLOW);
        saveIgnoringRace(() -> identity.saveGroup(group));
        log.info("Created group {} ({})", tier.group(), tier.name());
    }

    private void ensureDemoUser(Tier tier) {
        if (settings.demoPassword() == null || settings.demoPassword().isBlank()) {
            throw new IllegalStateException("recovery.identity.demo-password (RECOVERY_DEMO_PASSWORD) is required "
                    + "when recovery.identity.demo-users is true");
        }
        String userId = tier.group() + "1";
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setFirstName(tier.name());
            user.setLastName("(demo)");
            user.setEmail(contacts.of(tier.group()).stream()
                    .filter(contact -> userId.equals(contact.user()))
                    .map(Contact::email)
                    .findFirst()
                    .orElse(userId + "@routing-ml.local"));
            user.setPassword(settings.demoPassword());
            saveIgnoringRace(() -> identity.saveUser(user));
            log.info("Created demo user {}", userId);
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(tier.group()).count() == 0) {
            saveIgnoringRace(() -> identity.createMembership(userId, tier.group()));
        }
    }

    /**
     * The "내 그룹 작업" filter's id. A filter of that name made before the fixed id (or by an admin) is kept; otherwise
     * the filter is inserted with {@link #GROUP_TASKS_FILTER_ID}, and a node that loses the race to another one has
     * its insert refused by the primary key and uses the other's.
     */
    String groupTasksFilter() {
        return ensureFilter(groupTasks());
    }

    String insertGroupTasksFilter() {
        return insertFilter(groupTasks());
    }

    private TaskFilter groupTasks() {
        return new TaskFilter(GROUP_TASKS_FILTER_ID, GROUP_TASKS_FILTER,
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks(),
                Map.of("description", "내 그룹에 배정된 장애 대응 작업", "priority", -10, "refresh", true));
    }

    /**
     * Every open real incident's tasks (drills have their own filter), whoever they are offered to, the nearest RTO
     * deadline (due date) first.
     */
    private TaskFilter openIncidentsFilter() {
        return new TaskFilter(OPEN_INCIDENTS_FILTER_ID, OPEN_INCIDENTS_FILTER,
                tasks.createTaskQuery().processDefinitionKeyIn(RESPONSE_PROCESSES.toArray(String[]::new))
                        .taskVariableValueEquals("drill", false).orderByDueDate().asc().orderByTaskCreateTime().asc(),
                Map.of("description", "진행 중인 모든 장애의 작업 (RTO 마감이 가까운 순)", "priority", -5, "refresh", true));
    }

    /**
     * The tasks of DR drills (marked by the task-local variable {@code drill}, which every task of a drill incident
     * and of {@code inspection-drill} gets when it is created), so that practice never mixes with a real incident.
     */
    private TaskFilter drillsFilter() {
        return new TaskFilter(DRILLS_FILTER_ID, DRILLS_FILTER,
                tasks.createTaskQuery().taskVariableValueEquals("drill", true).orderByDueDate().asc(),
                Map.of("description", "DR 훈련의 작업 (실제 장애가 아님)", "priority", 10, "refresh", true));
    }

    /**
     * The open-incidents filter of a database made before a process joined the response (the RTO fallback's approval,
     * {@code rto-fallback-approval}, once part of each runbook) gains the missing keys, so that Tasklist lists its
     * tasks too; keys added to it by hand stay. Two nodes doing it at once: one saves, the other's stale save is refused.
     */
    private void withEveryResponseProcess(String filterId) {
        Filter filter = filters.getFilter(filterId);
        if (filter == null || !(filter.<Query<?, ?>>getQuery() instanceof TaskQueryImpl query)
                || query.getProcessDefinitionKeys() == null) {
            return;
        }
        LinkedHashSet<String> keys = new LinkedHashSet<>(Arrays.asList(query.getProcessDefinitionKeys()));
        if (keys.containsAll(RESPONSE_PROCESSES)) {
            return;
        }
        keys.addAll(RESPONSE_PROCESSES);
        filter.setQuery(query.processDefinitionKeyIn(keys.toArray(String[]::new)));
        try {
            filters.saveFilter(filter);
            log.info("Tasklist filter {} ({}) now lists the tasks of {}", filter.getName(), filterId, keys);
        } catch (OptimisticLockingException e) {
            log.info("Tasklist filter {} already brought up to date by another node", filter.getName());
        }
    }

    /** A Tasklist filter made at start, under a fixed id so that every node agrees on it. */
    private record TaskFilter(String id, String name, TaskQuery query, Map<String, Object> properties) {
    }

    /** The filter's id: one of that name made before the fixed id (or by an admin) is kept, else it is inserted. */
    private String ensureFilter(TaskFilter definition) {
        if (filters.getFilter(definition.id()) != null) {
            return definition.id();
        }
        List<Filter> existing = filters.createTaskFilterQuery().filterName(definition.name())
                .orderByFilterId().asc().list();
        if (!existing.isEmpty()) {
            return existing.get(0).getId();
        }
        return insertFilter(definition);
    }

    /**
     * Inserts the filter under its fixed id; the engine's FilterService would give it a new id on every node. A node
     * that loses the race to another one has its insert refused by the primary key and uses the other's.
     */
    private String insertFilter(TaskFilter definition) {
        FilterEntity filter = new FilterEntity(EntityTypes.TASK);
        filter.setId(definition.id());
        filter.setName(definition.name());
        filter.setOwner(null);
        filter.setQuery((Query<?, ?>) definition.query());
        filter.setProperties(definition.properties());
        try {
            commands.execute(context -> {
                context.getDbEntityManager().insert(filter);
                return null;
            });
            log.info("Created the Tasklist filter {} ({})", definition.name(), definition.id());
        } catch (ProcessEngineException | DataAccessException e) {
            if (filters.getFilter(definition.id()) == null) {
                throw e;
            }
            log.info("Tasklist filter {} already made by another node ({})", definition.name(), e.getMessage());
        }
        return definition.id();
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery()
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        Authorization toSave = authorization;
        saveIgnoringRace(() -> authorizations.saveAuthorization(toSave));
    }

    /** Two nodes starting together may both create the same row; the second one's insert is the one to drop. */
    private static void saveIgnoringRace(Runnable save) {
        try {
            save.run();
        } catch (DataIntegrityViolationException | org.camunda.bpm.engine.ProcessEngineException e) {
            log.info("Identity setup: already made by another node ({})", e.getMessage());
        }
    }
}
