package dev.recoveryorchestrator.inspection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On the lapse end events of the inspection tasks (기한 경과): records that the task named by the end event's
 * {@code check} extension property was not answered in time, so the lapse shows in the results, not only in Cockpit.
 */
@Component
class TaskLapsedListener implements ExecutionListener {

    private final InspectionResults results;

    TaskLapsedListener(InspectionResults results) {
        this.results = results;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String activity = execution.getCurrentActivityName() == null ? execution.getCurrentActivityId()
                : execution.getCurrentActivityName();
        String check = property(execution, "check");
        results.record(execution.getProcessInstanceId(), InspectionVariables.kind(execution), CheckResult.notRun(check,
                activity, activity + ": 기한 안에 처리되지 않음", "다음 점검에서 다시 확인"));
    }

    private static String property(DelegateExecution execution, String name) {
        org.camunda.bpm.model.bpmn.instance.FlowElement element = execution.getBpmnModelElementInstance();
        org.camunda.bpm.model.bpmn.instance.ExtensionElements extensions = element == null ? null
                : element.getExtensionElements();
        if (extensions != null) {
            for (org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty property : extensions.getElementsQuery()
                    .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
                    .flatMap(properties -> properties.getCamundaProperties().stream()).toList()) {
                if (name.equals(property.getCamundaName())) {
                    return property.getCamundaValue();
                }
            }
        }
        throw new IllegalStateException(execution.getCurrentActivityId() + " has no camunda:property " + name);
    }
}
