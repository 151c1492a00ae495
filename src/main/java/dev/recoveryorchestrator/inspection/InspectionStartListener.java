package dev.recoveryorchestrator.inspection;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On each start event of the inspection models: names the kind of inspection ({@code weekly} or {@code monthly},
 * from the process key) for the results it records. Started by a person in Tasklist or over the engine's REST API
 * (Camunda's current authentication), the inspection is theirs ({@code requestedBy}, whatever the request set) and,
 * as {@code POST /api/inspections/{kind}} answers 409, it is refused while one of that kind is still checking: both
 * ways of starting one by hand agree. The cron timer and our own API start it without an engine authentication.
 */
@Component
class InspectionStartListener implements ExecutionListener {

    private final Inspections inspections;

    InspectionStartListener(Inspections inspections) {
        this.inspections = inspections;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String kind = Inspections.kindOf(execution.getProcessDefinitionId().split(":")[0]);
        execution.setVariable(InspectionVariables.KIND, kind);
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (user == null || user.getUserId() == null) {
            return;
        }
        // Whoever started it, however few instances they may read.
        Context.getCommandContext().runWithoutAuthorization(() -> inspections.running(kind))
                .filter(other -> !other.getId().equals(execution.getProcessInstanceId()))
                .ifPresent(other -> {
                    throw new BadUserRequestException("a " + kind + " inspection is already running (" + other.getId()
                            + ")");
                });
        execution.setVariable(InspectionVariables.REQUESTED_BY, user.getUserId());
    }
}
