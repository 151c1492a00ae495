package dev.recoveryorchestrator.inspection;

import java.security.Principal;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * What a responder may start by hand: the daily backup, the two inspections and a drill ({@link #PROCESSES}), and
 * nothing else. Tasklist's <em>Start process</em> offers the latest definitions that are startable in Tasklist and that
 * the user may read and start (CREATE_INSTANCE), and a start also needs CREATE on process instances: every group of
 * {@code recovery.inspection.starters} is granted these at start, and any other group loses CREATE_INSTANCE on the
 * four, so that the setting decides. The internal processes (the lifecycle, the runbooks, {@code run-action}, the
 * notifications, the review) are not startable in Tasklist, as their models say, and no responder may start them.
 * {@code POST /api/inspections/{kind}} asks the same groups ({@link #require}). Idempotent, so every node runs it at
 * every start; of two nodes inserting the same row, the second's insert is dropped.
 */
@Component
class HandStarts implements ApplicationRunner {

    static final List<String> PROCESSES = List.of(Inspections.DAILY_BACKUP, Inspections.WEEKLY, Inspections.MONTHLY,
            Inspections.DRILL);
    private static final Logger log = LoggerFactory.getLogger(HandStarts.class);

    private final AuthorizationService authorizations;
    private final IdentityService identity;
    private final HandStartSettings settings;

    HandStarts(ProcessEngine engine, HandStartSettings settings) {
        this.authorizations = engine.getAuthorizationService();
        this.identity = engine.getIdentityService();
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String group : settings.starters()) {
            grant(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
            for (String process : PROCESSES) {
                grant(group, Resources.PROCESS_DEFINITION, process, Permissions.CREATE_INSTANCE);
            }
        }
        for (String process : PROCESSES) {
            revokeFromOtherGroups(process);
        }
    }

    /** The user, when a member of a starter group or an admin; else 403 naming the groups, before anything starts. */
    String require(Principal user, String what) {
        String userId = user == null ? null : user.getName();
        if (userId == null || identity.createGroupQuery().groupMember(userId).list().stream()
                .noneMatch(group -> settings.starters().contains(group.getId()) || Groups.CAMUNDA_ADMIN.equals(group.getId()))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, what + " needs membership of one of "
                    + settings.starters() + " (recovery.inspection.starters) or " + Groups.CAMUNDA_ADMIN);
        }
        return userId;
    }

    private void grant(String group, Resource resource, String resourceId, Permission permission) {
        Authorization authorization = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else if (authorization.isPermissionGranted(permission)) {
            return;
        }
        authorization.addPermission(permission);
        save(authorization);
    }

    /** A group no longer among the starters may not start {@code process} by hand any more (the admins keep theirs). */
    private void revokeFromOtherGroups(String process) {
        for (Authorization authorization : authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(Resources.PROCESS_DEFINITION)
                .resourceId(process).hasPermission(Permissions.CREATE_INSTANCE).list()) {
            String group = authorization.getGroupId();
            if (group != null && !settings.starters().contains(group) && !Groups.CAMUNDA_ADMIN.equals(group)) {
                authorization.removePermission(Permissions.CREATE_INSTANCE);
                save(authorization);
                log.info("Group {} may no longer start {} by hand (not in recovery.inspection.starters)", group, process);
            }
        }
    }

    /** Two nodes starting together may both write the same row; the second one's write is the one to drop. */
    private void save(Authorization authorization) {
        try {
            authorizations.saveAuthorization(authorization);
        } catch (DataIntegrityViolationException | ProcessEngineException e) {
            log.info("Hand-start authorizations: already made by another node ({})", e.getMessage());
        }
    }
}
