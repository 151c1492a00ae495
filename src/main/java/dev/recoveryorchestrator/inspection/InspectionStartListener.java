package dev.recoveryorchestrator.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On each start event of the inspection models: names the kind of inspection ({@code weekly} or {@code monthly},
 * from the process key) for the results it records.
 */
@Component
class InspectionStartListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        String key = execution.getProcessDefinitionId().split(":")[0];
        execution.setVariable(InspectionVariables.KIND, Inspections.kindOf(key));
    }
}
