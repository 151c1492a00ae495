package dev.recoveryorchestrator.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CloseIncident} (장애 종료: 오경보 / 재분류): the runbook could not confirm its symptom and a person
 * decided. A false alarm is closed with their reason; a reclassification first opens (or finds open) an incident
 * of the chosen type, then closes this one naming it, so the failure is never left without an incident.
 */
@Component("closeIncidentDelegate")
class CloseIncidentDelegate implements JavaDelegate {

    static final int MAX_SUMMARY = 2000;
    private final IncidentService incidents;

    CloseIncidentDelegate(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        String by = IncidentVariables.decidedBy(execution).isBlank() ? IncidentService.SYSTEM : IncidentVariables.decidedBy(execution);
        String note = IncidentVariables.closedReason(execution);
        String reason;
        if (IncidentVariables.OUTCOME_RECLASSIFIED.equals(IncidentVariables.runbookOutcome(execution))) {
            Incident incident = incidents.find(incidentId).orElseThrow();
            FailureType type = FailureType.parse(IncidentVariables.reclassifyTo(execution)).orElseThrow(() ->
                    new IllegalStateException("reclassifyTo is not a failure type: " + IncidentVariables.reclassifyTo(execution)));
            String summary = "재분류 (" + Incident.shortId(incidentId) + "): " + (incident.summary() == null ? "" : incident.summary());
            IncidentService.Opened opened = incidents.open(new IncidentRequest(type,
                    Scope.parse(incident.scope()).orElse(Scope.WHOLE),
                    summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY),
                    "reclassified", by));
            reason = "재분류: Type " + type.number() + " " + type.koreanName() + ", 장애 " + opened.incident().id()
                    + (opened.deduplicated() ? " (이미 열려 있던 장애)" : "") + (note.isBlank() ? "" : " - " + note);
        } else {
            reason = "오경보: " + (note.isBlank() ? "증상이 확인되지 않음" : note);
        }
        execution.setVariable(IncidentVariables.CLOSED_REASON, reason);
        incidents.closeInProcess(incidentId, reason, by);
    }
}
