package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.TimelineCode;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Records what a runbook step found, in one call: the incident's timeline (for the audit and the report) and the
 * runbook's findings (shown to the person who takes over in the triage or manual-recovery task).
 */
@Component
public class Findings {

    private final IncidentService incidents;

    Findings(IncidentService incidents) {
        this.incidents = incidents;
    }

    /** {@code step} names the timeline entry (로그 확인); {@code finding} is the line both places get. */
    public void record(VariableScope scope, String step, String finding) {
        incidents.note(IncidentVariables.incidentId(scope), step, finding);
        RunbookVariables.addFinding(scope, finding);
    }

    /** {@link #record(VariableScope, String, String)} of an entry a reader recognises, under its code's step name. */
    public void record(VariableScope scope, TimelineCode code, String finding) {
        incidents.note(IncidentVariables.incidentId(scope), code, finding);
        RunbookVariables.addFinding(scope, finding);
    }

    /** Records the outcome of a symptom confirmation; a confirmed one is kept on the incident (symptomConfirmedAt). */
    public void symptom(VariableScope scope, boolean confirmed, String finding) {
        if (confirmed) {
            incidents.confirmSymptom(IncidentVariables.incidentId(scope), finding);
        } else {
            incidents.note(IncidentVariables.incidentId(scope), TimelineCode.SYMPTOM_NOT_CONFIRMED, finding);
        }
        RunbookVariables.addFinding(scope, finding);
        RunbookVariables.symptomConfirmed(scope, confirmed);
    }
}
