package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.incident.IncidentVariables;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * On every end event of a runbook: returns the runbook's outcome to the lifecycle ({@code runbookOutcome}), read
 * from the end event's property {@code outcome} — {@code recovered}, {@code false-alarm} or {@code reclassified}
 * (the runbook contract; {@code RunbookContractTest} checks every model has it).
 */
@Component("runbookEndListener")
class RunbookEndListener implements ExecutionListener {

    static final String OUTCOME_PROPERTY = "outcome";
    static final Set<String> OUTCOMES = Set.of("recovered", IncidentVariables.OUTCOME_FALSE_ALARM,
            IncidentVariables.OUTCOME_RECLASSIFIED);

    @Override
    public void notify(DelegateExecution execution) {
        String outcome = outcome(execution.getBpmnModelElementInstance());
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new IllegalStateException(execution.getCurrentActivityId() + " has no valid '" + OUTCOME_PROPERTY
                    + "' property (one of " + OUTCOMES + ")");
        }
        execution.getProcessInstance().setVariable(IncidentVariables.RUNBOOK_OUTCOME, outcome);
    }

    static String outcome(FlowElement element) {
        if (element == null || element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .filter(property -> OUTCOME_PROPERTY.equals(property.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .findFirst().orElse(null);
    }
}
