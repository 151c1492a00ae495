package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.config.CommandInterceptors;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The variables the orchestrator itself keeps on its processes — which incident a process belongs to, when it
 * opened, what a runbook concluded, who recovered the service, the findings — are written by the orchestrator
 * only. Camunda lets anyone who may work on a task set variables through it ({@code PUT /task/{id}/variables/x},
 * complete or submit with variables), and a name without a task-local variable lands on the process instance: a
 * tier user could otherwise point a lifecycle at another incident or forge who recovered it, and one who may start a
 * process by hand (a drill) could start it with the orchestrator's variables already set (a start's variables are
 * checked by name). This interceptor
 * refuses, as a missing authorization (HTTP 403), any request of an authenticated user that sets or removes one of these names; form fields
 * ({@code triageDecision}, {@code decision}, {@code note}, ...) stay theirs. Text a person sets this way passes the
 * API's checks ({@link Actors#note}: length, no control or format characters), refused before anything runs. The application's own calls (no
 * authenticated user: jobs, listeners, tests) are not touched.
 */
@Component
class ProtectedVariablesGuard extends AbstractProcessEnginePlugin {

    /** Names the orchestrator writes: the lifecycle's, the runbooks' shared ones, Type 1's and 3's, run-action's. */
    static final Set<String> PROTECTED = Set.of(
            IncidentVariables.INCIDENT_ID, IncidentVariables.FAILURE_TYPE, IncidentVariables.SCOPE,
            IncidentVariables.SUMMARY, IncidentVariables.TARGET, IncidentVariables.OPENED_AT, IncidentVariables.RUNBOOK_KEY,
            IncidentVariables.RECOVERED_BY, IncidentVariables.CLOSED_REASON, IncidentVariables.RUNBOOK_OUTCOME,
            IncidentVariables.DECIDED_BY, IncidentVariables.RECOVERED_AT, IncidentVariables.DRILL,
            HealthWatchDelegate.RECOVERY_NOTICED,
            HealthWatchDelegate.PASSES, HealthWatchDelegate.SINCE, VerifyRecoveryDelegate.SERVICE_HEALTHY, "tier",
            "findings", "symptomConfirmed", "automaticAttemptGranted", "healthy", "logOffset", "logClean",
            "recoveryMethod", "actionName", "actionStep", "actionSucceeded", "actionOutcome", "actionOutput", "workId",
            "actionProgress", "actionFound",
            // the RTO fallback's approval (rto-fallback-approval): what the last resort does, as its runbook says
            "lastResort",
            // Type 3 (runbook-network-outage)
            "firewallBlocked", "firewallBlockedPorts", "hostReachable", "lastReach",
            // Type 2's (runbook/databaseunreachable, DatabaseUnreachableVariables.ALL and the decisions' results)
            "databaseState", "connectionState", "shareState", "databaseRecovery", "backupFile", "backupTakenAt",
            "dataLossWindow", "rpoTier", "readOnlyOn", "restoreApproved", "databaseRestored", "databaseVerified",
            "predictOk", "databaseRecoveryMethod", "readOnlyOffConfirmed",
            // the post-incident review (report/ReviewProcess)
            "reviewed",
            // DR drills (inspection/drill/DrillVariables): the drill's own record and measured result
            "drillId", "drillStartedAt", "drillStartedBy", "drillAllowed", "drillFinding", "drillWindowId", "drillInjected",
            "drillInjectedAt", "drillIncidentId", "drillTargetHealthy",
            "drillIncidentEnded", "drillTimedOut", "drillOutcome", "drillRecoverySeconds", "drillRtoTargetSeconds",
            // what a task's form shows (taskform/TaskContextListener; "drill" above marks a drill's task) and asks
            "taskContext", "ask");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandInterceptors.addBefore(configuration, new Interceptor(configuration));
    }

    /** Refuses a variable command of an authenticated user that names a protected variable. */
    static final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            Authentication user = configuration.getIdentityService().getCurrentAuthentication();
            if (user != null && user.getUserId() != null) {
                values(command).forEach((name, value) -> {
                    if (value instanceof String text) {
                        Actors.note(text, name);
                    }
                });
                Set<String> refused = new TreeSet<>(names(command));
                refused.retainAll(PROTECTED);
                if (!refused.isEmpty()) {
                    throw new AuthorizationException("These variables are kept by the recovery orchestrator and cannot "
                            + "be set or removed by a request: " + refused);
                }
            }
            return next.execute(command);
        }

        /** The names a request sets (those of {@link #values}, and a start's) or removes. */
        static Collection<String> names(Command<?> command) {
            List<String> names = new ArrayList<>(values(command).keySet());
            names.addAll(startVariableNames(command));
            if (command instanceof AbstractPatchVariablesCmd) {
                names.addAll(strings(field(AbstractPatchVariablesCmd.class, "deletions", command)));
            } else if (command instanceof AbstractRemoveVariableCmd) {
                names.addAll(strings(field(AbstractRemoveVariableCmd.class, "variableNames", command)));
            }
            return names;
        }

        /** The values a request sets, by name, as far as the command carries them. */
        static Map<String, Object> values(Command<?> command) {
            Object variables = null;
            if (command instanceof AbstractSetVariableCmd) {
                variables = field(AbstractSetVariableCmd.class, "variables", command);
            } else if (command instanceof AbstractPatchVariablesCmd) {
                variables = field(AbstractPatchVariablesCmd.class, "variables", command);
            } else if (command instanceof CompleteTaskCmd) {
                variables = field(CompleteTaskCmd.class, "variables", command);
            } else if (command instanceof SubmitTaskFormCmd) {
                variables = field(SubmitTaskFormCmd.class, "properties", command);
            }
            Map<String, Object> values = new java.util.HashMap<>();
            if (variables instanceof org.camunda.bpm.engine.variable.VariableMap typed) {
                typed.keySet().forEach(name -> values.put(name, typed.getValue(name, Object.class)));
            } else if (variables instanceof Map<?, ?> plain) {
                plain.forEach((name, value) -> values.put(String.valueOf(name),
                        value instanceof org.camunda.bpm.engine.variable.value.TypedValue typedValue ? typedValue.getValue() : value));
            }
            return values;
        }

        /**
         * The variables a start the request itself asks for would set (Tasklist's Start process, {@code POST
         * /process-definition/.../start}); the processes the engine starts inside a request (a mail's, a review's) are
         * the application's own.
         */
        static Collection<String> startVariableNames(Command<?> command) {
            if (Context.getCommandContext() != null) {
                return List.of();
            }
            Object variables = null;
            if (command instanceof StartProcessInstanceCmd) {
                variables = ((ProcessInstantiationBuilderImpl) field(StartProcessInstanceCmd.class, "instantiationBuilder",
                        command)).getVariables();
            } else if (command instanceof StartProcessInstanceAtActivitiesCmd) {
                variables = ((ProcessInstantiationBuilderImpl) field(StartProcessInstanceAtActivitiesCmd.class,
                        "instantiationBuilder", command)).getVariables();
            } else if (command instanceof SubmitStartFormCmd) {
                variables = field(SubmitStartFormCmd.class, "variables", command);
            }
            return variables instanceof Map<?, ?> named ? named.keySet().stream().map(String::valueOf).toList() : List.of();
        }

        private static Object field(Class<?> owner, String name, Object command) {
            try {
                Field field = owner.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(command);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Camunda changed " + owner.getName() + "." + name
                        + ": the protected-variables guard cannot read it", e);
            }
        }


        private static Collection<String> strings(Object collection) {
            return collection instanceof Collection<?> names ? names.stream().map(String::valueOf).toList() : List.of();
        }
    }
}
