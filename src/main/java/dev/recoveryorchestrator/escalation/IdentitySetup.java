package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.escalation.ContactSettings.Contact;
import dev.recoveryorchestrator.escalation.EscalationSettings.Tier;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
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
        for (Tier tier : escalation.tiers()) {
            ensureGroup(tier);
            grant(tier.group(), Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(tier.group(), Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(tier.group(), Resources.FILTER, filterId, Permissions.READ);
            grant(tier.group(), Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, Permissions.READ_HISTORY);
            grant(tier.group(), Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
            if (settings.demoUsers()) {
                ensureDemoUser(tier);
            }
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
        if (filters.getFilter(GROUP_TASKS_FILTER_ID) != null) {
            return GROUP_TASKS_FILTER_ID;
        }
        List<Filter> existing = filters.createTaskFilterQuery().filterName(GROUP_TASKS_FILTER)
                .orderByFilterId().asc().list();
        if (!existing.isEmpty()) {
            return existing.get(0).getId();
        }
        return insertGroupTasksFilter();
    }

    /** Inserts the filter under its fixed id; the engine's FilterService would give it a new id on every node. */
    String insertGroupTasksFilter() {
        TaskQuery query = tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks();
        FilterEntity filter = new FilterEntity(EntityTypes.TASK);
        filter.setId(GROUP_TASKS_FILTER_ID);
        filter.setName(GROUP_TASKS_FILTER);
        filter.setOwner(null);
        filter.setQuery((Query<?, ?>) query);
        filter.setProperties(Map.of("description", "내 그룹에 배정된 장애 대응 작업", "priority", -10, "refresh", true));
        try {
            commands.execute(context -> {
                context.getDbEntityManager().insert(filter);
                return null;
            });
            log.info("Created the Tasklist filter {} ({})", GROUP_TASKS_FILTER, GROUP_TASKS_FILTER_ID);
        } catch (ProcessEngineException | DataAccessException e) {
            if (filters.getFilter(GROUP_TASKS_FILTER_ID) == null) {
                throw e;
            }
            log.info("Tasklist filter {} already made by another node ({})", GROUP_TASKS_FILTER, e.getMessage());
        }
        return GROUP_TASKS_FILTER_ID;
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
