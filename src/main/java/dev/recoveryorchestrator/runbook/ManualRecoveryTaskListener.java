package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.TimelineCode;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Every runbook's manual-recovery task (수동 복구): automatic recovery failed or was capped, so a person takes over.
 * On create the task is named after the incident and its type and shows the findings and what is asked (the task's
 * input parameter {@code ask}). On complete the choice ({@code decision}) and who made it go to the timeline; the
 * choice {@code resolved} (수동 해결 완료) makes that person what recovered the service — the lifecycle still
 * verifies it with a health check.
 */
@Component("manualRecoveryTaskListener")
class ManualRecoveryTaskListener implements TaskListener {

    static final String DECISION = "decision";
    static final String RESOLVED = "resolved";
    /**
     * The choices a manual-recovery task offers: the values of its form field {@code decision}, so that each runbook
     * offers its own (Type 5: 이전 버전 설치, 재학습); {@link #DECISIONS} when the task defines none.
     */
    static java.util.Set<String> offered(DelegateTask task) {
        org.camunda.bpm.model.bpmn.instance.UserTask element = task.getBpmnModelElementInstance();
        if (element == null || element.getExtensionElements() == null) {
            return DECISIONS;
        }
        java.util.Set<String> values = element.getExtensionElements().getElementsQuery()
                .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData.class).list().stream()
                .flatMap(form -> form.getCamundaFormFields().stream())
                .filter(field -> DECISION.equals(field.getCamundaId()))
                .flatMap(field -> field.getCamundaValues().stream())
                .map(org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue::getCamundaId)
                .collect(java.util.stream.Collectors.toSet());
        return values.isEmpty() ? DECISIONS : values;
    }

    /** The choices of Type 1's manual-recovery task (다시 재시작, 롤백, 수동 해결 완료). */
    static final java.util.Set<String> DECISIONS = java.util.Set.of("restart", "rollback", RESOLVED);
    private final IncidentService incidents;

    ManualRecoveryTaskListener(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void notify(DelegateTask task) {
        String incidentId = IncidentVariables.incidentId(task);
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            // the task's input parameter is a local variable of its execution, not of the task
            Object ask = task.getExecution() == null ? task.getVariableLocal("ask") : task.getExecution().getVariableLocal("ask");
            task.setName("[" + Incident.shortId(incidentId) + "] 수동 복구: " + IncidentVariables.failureType(task).koreanName());
            task.setDescription("자동 복구에 실패했습니다. 진단 결과:\n" + RunbookVariables.findings(task)
                    + (ask == null ? "" : "\n\n" + ask));
            incidents.note(incidentId, "수동 복구", "자동 복구 실패, 수동 복구 작업 생성");
            return;
        }
        Object decision = task.getVariable(DECISION);
        java.util.Set<String> offered = offered(task);
        if (!offered.contains(String.valueOf(decision))) {
            throw new FormFieldValidationException(null, "decision must be one of " + offered);
        }
        String who = Actors.who(task, "DevOps");
        incidents.note(incidentId, TimelineCode.MANUAL_CHOICE, "선택: " + decision + " (" + who + ")");
        if (RESOLVED.equals(decision)) {
            IncidentVariables.setRecoveredBy(task, "수동 해결 (" + who + ")");
        }
    }
}
