package dev.recoveryorchestrator.incident;

import java.security.Principal;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may change incidents and what surrounds them by hand (open, close, declare maintenance): members of
 * {@code recovery.lifecycle.responder-groups}, devops and above and Camunda's admins. One rule for every endpoint.
 */
@Component
public class Responders {

    private final IdentityService identity;
    private final LifecycleSettings settings;

    Responders(IdentityService identity, LifecycleSettings settings) {
        this.identity = identity;
        this.settings = settings;
    }

    /** The user, when a member of a responder group; else 403 naming the groups, before any body is read. */
    public String require(Principal user, String what) {
        String userId = user == null ? null : user.getName();
        if (userId == null || identity.createGroupQuery().groupMember(userId).list().stream()
                .noneMatch(group -> settings.responderGroups().contains(group.getId()))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    what + " needs membership of one of " + settings.responderGroups());
        }
        return userId;
    }
}
