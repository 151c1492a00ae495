package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When a tier's task is completed: who did it and what they wrote go to the incident's timeline, and the final
 * approver's decision on external support (외부 지원 검토) is kept as {@code externalSupport} for the report.
 */
@Component("tierTaskCompletedListener")
class TierTaskCompletedListener implements TaskListener {

    private final Escalation escalation;
    private final IncidentService incidents;

    TierTaskCompletedListener(Escalation escalation, IncidentService incidents) {
        this.escalation = escalation;
        this.incidents = incidents;
    }

    @Override
    public void notify(DelegateTask task) {
        String group = TierVariables.group(task);
        String incidentId = IncidentVariables.incidentId(task);
        String who = Actors.who(task, group);
        String note = Actors.note(TierVariables.note(task), "note");
        StringBuilder entry = new StringBuilder(escalation.tier(group).task()).append(" 완료 (").append(who).append(")");
        if (escalation.isApprover(group)) {
            String decision = TierVariables.externalSupport(task);
            task.getExecution().getProcessInstance().setVariable(TierVariables.EXTERNAL_SUPPORT, decision);
            entry.append(": ").append("request".equals(decision) ? "외부 지원 요청" : "내부 대응 계속");
        }
        if (!note.isBlank()) {
            entry.append(" - ").append(note);
        }
        incidents.note(incidentId, "에스컬레이션", entry.toString());
    }
}
