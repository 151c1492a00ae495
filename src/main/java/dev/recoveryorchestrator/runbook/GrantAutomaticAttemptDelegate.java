package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.incident.AutomaticAttempts;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Asks for one more automatic recovery attempt before the machine restarts something on its own (the action is
 * the task's input parameter {@code action}). Sets {@code automaticAttemptGranted}; when the cap per incident or
 * per type and hour is reached the finding "반복 장애" goes to the timeline and the findings, and the runbook
 * hands over to a person.
 */
@Component("grantAutomaticAttemptDelegate")
class GrantAutomaticAttemptDelegate implements JavaDelegate {

    static final String ACTION = "action";
    private final AutomaticAttempts attempts;
    private final IncidentService incidents;

    GrantAutomaticAttemptDelegate(AutomaticAttempts attempts, IncidentService incidents) {
        this.attempts = attempts;
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        Object action = execution.getVariable(ACTION);
        if (action == null) {
            throw new IllegalStateException(execution.getCurrentActivityId() + " needs the input parameter 'action'");
        }
        Optional<String> refused = attempts.grant(incidentId, action.toString());
        refused.ifPresent(why -> {
            incidents.note(incidentId, "자동 복구 한도", why);
            RunbookVariables.addFinding(execution, why);
        });
        execution.setVariable(RunbookVariables.ATTEMPT_GRANTED, refused.isEmpty());
    }
}
