package dev.recoveryorchestrator.config;

import java.lang.reflect.Field;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.SetJobsRetriesByProcessBatchCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetBatchStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetExternalTaskRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessInstanceStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CreateIncidentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstancesByProcessInstanceIdCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveIncidentCmd;
import org.camunda.bpm.engine.impl.cmd.SetExternalTaskPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.springframework.stereotype.Component;

/**
 * A responder works their own tasks through the forms; the orchestrator does the rest. Camunda lets whoever may work
 * on a task also raise a BPMN escalation or error from it with variables ({@code POST /task/{id}/bpmnEscalation},
 * {@code /bpmnError}): a tier user marked another incident recovered and ran the approver's rollback that way. And
 * its own refusal of {@code POST /job/{id}/execute} (403) counted as a failure of the job, so three calls took the
 * RTO timer to 0 retries and it never fired. This command interceptor refuses, to the request of an authenticated
 * user who is no Camunda administrator, every command of {@link #ADMIN_ONLY}: raising an escalation or error from a
 * task, executing, retrying, re-dating, suspending, unlocking or deleting a job and changing a job definition,
 * correlating a message, firing a signal or a condition, setting or removing variables outside a task's completion
 * (completing with variables stays: {@code incident.ProtectedVariablesGuard} decides which names a person may set),
 * moving, migrating or suspending process instances, creating or resolving incidents, external tasks and batches.
 * It refuses before the engine opens a command context, so nothing runs and nothing is written; whatever URL reaches
 * the command ({@code /engine-rest}, the webapps' {@code /camunda/api/engine}, Java) meets the same refusal. The
 * engine treats any exception out of a job's execution as the job's failure (a retry spent, at 0 an incident):
 * a refused execution is not one, so the failed-job listener that follows it is skipped. The application's own
 * commands (no authenticated user: jobs, listeners, the API's services) and the commands the engine runs inside a
 * request (a listener correlating a message while a task completes) are not touched.
 */
@Component
class ResponderCommandGuard extends AbstractProcessEnginePlugin {

    /** Commands only a Camunda administrator or the application itself may ask for, by family. */
    static final List<Class<?>> ADMIN_ONLY = List.of(
            // a person's word raises no escalation or error: the orchestrator raises them on what it saw
            HandleTaskEscalationCmd.class, HandleTaskBpmnErrorCmd.class,
            // jobs and job definitions: the timers that keep the RTO run on the engine's clock only
            ExecuteJobsCmd.class, SetJobRetriesCmd.class, AbstractSetJobsRetriesBatchCmd.class,
            SetJobsRetriesByProcessBatchCmd.class, SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class,
            AbstractSetJobStateCmd.class, AbstractSetJobDefinitionStateCmd.class, SetJobDefinitionPriorityCmd.class,
            SetJobPriorityCmd.class, DeleteJobCmd.class, UnlockJobCmd.class,
            // what a process waits for: messages, signals, conditions
            AbstractCorrelateMessageCmd.class, MessageEventReceivedCmd.class, SignalEventReceivedCmd.class,
            SignalCmd.class, EvaluateStartConditionCmd.class,
            // variables outside a task's completion
            AbstractSetVariableCmd.class, AbstractPatchVariablesCmd.class, AbstractRemoveVariableCmd.class,
            SetVariablesToProcessInstancesBatchCmd.class, DeleteHistoricVariableInstanceCmd.class,
            DeleteHistoricVariableInstancesByProcessInstanceIdCmd.class,
            // where a process stands, and whether it runs
            ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class, AbstractModificationCmd.class,
            MigrateProcessInstanceCmd.class, MigrateProcessInstanceBatchCmd.class, SetProcessDefinitionVersionCmd.class,
            AbstractSetProcessInstanceStateCmd.class, AbstractSetProcessDefinitionStateCmd.class,
            UpdateProcessInstancesSuspendStateCmd.class, AbstractSetBatchStateCmd.class,
            // incidents and external tasks (the orchestrator has no external workers)
            CreateIncidentCmd.class, ResolveIncidentCmd.class, ExternalTaskCmd.class, FetchExternalTasksCmd.class,
            AbstractSetExternalTaskRetriesCmd.class, SetExternalTaskPriorityCmd.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandInterceptors.addBefore(configuration, new Interceptor(configuration));
    }

    /** Thrown for a refused command; a failed-job listener never counts it against the job. */
    static final class RefusedCommandException extends AuthorizationException {

        RefusedCommandException(String message) {
            super(message);
        }
    }

    /** Refuses {@link #ADMIN_ONLY} to an authenticated non-administrator; keeps a refusal from spending a retry. */
    static final class Interceptor extends CommandInterceptor {

        // The engine keeps the listener's collector to itself; read once here so that an engine without it stops
        // the start instead of letting refusals count as job failures again.
        private static final Field FAILURE_COLLECTOR = EngineFields.field(FailedJobListener.class, "jobFailureCollector",
                ResponderCommandGuard.class);

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (command instanceof FailedJobListener listener && refused(listener)) {
                return null; // the job never ran: no retry spent, no incident, no failure in its history
            }
            if (Context.getCommandContext() == null && adminOnly(command)
                    && !mayRun(configuration.getIdentityService().getCurrentAuthentication())) {
                throw new RefusedCommandException(command.getClass().getSimpleName() + " is for Camunda "
                        + "administrators only: responders work their tasks through the task forms");
            }
            return next.execute(command);
        }

        static boolean adminOnly(Command<?> command) {
            return ADMIN_ONLY.stream().anyMatch(type -> type.isInstance(command));
        }

        /** The application itself (no authenticated user) and Camunda administrators may. */
        private boolean mayRun(Authentication authentication) {
            return authentication == null || authentication.getUserId() == null
                    || EngineAdministrators.isAdministrator(configuration, authentication);
        }

        private static boolean refused(FailedJobListener listener) {
            try {
                return FAILURE_COLLECTOR.get(listener) instanceof JobFailureCollector collector
                        && collector.getFailure() instanceof RefusedCommandException;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
