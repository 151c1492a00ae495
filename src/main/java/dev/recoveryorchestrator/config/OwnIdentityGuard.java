package dev.recoveryorchestrator.config;

import java.lang.reflect.Field;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Who a responder is stays the administrator's word. Camunda makes every user the owner of their own user (all
 * permissions), so a tier user could set their own mail address over {@code PUT /engine-rest/user/{id}/profile} or
 * the webapps and so receive (or divert) the incident mails. This command interceptor refuses a user's request to
 * change their own mail address, name, or group memberships; their password they may still change (Camunda checks
 * the old one). Camunda administrators may change anyone, and the application itself (the contact review,
 * {@code IdentitySetup}) is not a user's request.
 */
@Component
class OwnIdentityGuard extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandInterceptors.addBefore(configuration, new Interceptor(configuration));
    }

    /** Refuses a non-administrator's change to their own profile or memberships. */
    static final class Interceptor extends CommandInterceptor {

        private static final Field SAVED_USER = EngineFields.field(SaveUserCmd.class, "user", OwnIdentityGuard.class);
        private static final Field MEMBER = EngineFields.field(CreateMembershipCmd.class, "userId",
                OwnIdentityGuard.class);
        private static final Field LEAVER = EngineFields.field(DeleteMembershipCmd.class, "userId",
                OwnIdentityGuard.class);
        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (Context.getCommandContext() == null && isOwnIdentityChange(command)) {
                throw new AuthorizationException("Your mail address, name and groups are set by an administrator "
                        + "(or the contact review), not by you: they decide who receives the incident mails");
            }
            return next.execute(command);
        }

        private boolean isOwnIdentityChange(Command<?> command) {
            Authentication authentication = configuration.getIdentityService().getCurrentAuthentication();
            if (authentication == null || authentication.getUserId() == null
                    || EngineAdministrators.isAdministrator(configuration, authentication)) {
                return false;
            }
            String self = authentication.getUserId();
            if (command instanceof SaveUserCmd) {
                User saved = (User) EngineFields.read(SAVED_USER, command);
                if (saved == null || !self.equals(saved.getId())) {
                    return false;
                }
                User stored = configuration.getIdentityService().createUserQuery().userId(self).singleResult();
                return stored == null || !Objects.equals(stored.getEmail(), saved.getEmail())
                        || !Objects.equals(stored.getFirstName(), saved.getFirstName())
                        || !Objects.equals(stored.getLastName(), saved.getLastName());
            }
            if (command instanceof CreateMembershipCmd) {
                return self.equals(EngineFields.read(MEMBER, command));
            }
            if (command instanceof DeleteMembershipCmd) {
                return self.equals(EngineFields.read(LEAVER, command));
            }
            return false;
        }
    }
}
