package dev.recoveryorchestrator.config;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.RestartProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A person starts a process where its model begins, and nowhere else. Camunda lets whoever may create instances of a
 * definition also start one before any activity they choose, skipping listeners and input mappings
 * ({@code POST /process-definition/{id}/start} with {@code startInstructions}), or restart a finished one
 * ({@code POST /process-definition/{id}/restart}): a responder allowed to start a drill by hand could begin it at its
 * injection, past the check that keeps drills away from production. This command interceptor refuses both to the
 * request of an authenticated user (the request's own command, not one the engine runs inside it); Camunda
 * administrators and the application itself may.
 */
@Component
class ProcessStartGuard extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandInterceptors.addBefore(configuration, new Interceptor(configuration));
    }

    /** Refuses a start at chosen activities and a restart, requested by someone who is no administrator. */
    static final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            boolean startsElsewhere = command instanceof StartProcessInstanceAtActivitiesCmd
                    || command instanceof RestartProcessInstancesCmd || command instanceof RestartProcessInstancesBatchCmd;
            if (startsElsewhere && Context.getCommandContext() == null
                    && !mayStartElsewhere(configuration.getIdentityService().getCurrentAuthentication())) {
                throw new AuthorizationException("A process is started at its start event: starting one at chosen "
                        + "activities, or restarting one, is for Camunda administrators only");
            }
            return next.execute(command);
        }

        /** The application itself (no authenticated user) and Camunda administrators may. */
        private boolean mayStartElsewhere(Authentication authentication) {
            return authentication == null || authentication.getUserId() == null
                    || EngineAdministrators.isAdministrator(configuration, authentication);
        }
    }
}
