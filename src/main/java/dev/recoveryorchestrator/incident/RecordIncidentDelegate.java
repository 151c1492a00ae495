package dev.recoveryorchestrator.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordIncident}: the checklist's first three lines — time, type and scope — into the timeline. */
@Component("recordIncidentDelegate")
class RecordIncidentDelegate implements JavaDelegate {

    private final IncidentService incidents;

    RecordIncidentDelegate(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Incident incident = incidents.find(IncidentVariables.incidentId(execution)).orElseThrow();
        incidents.note(incident.id(), TimelineCode.RECORD_TIME,
                "발생 " + incident.openedAt() + ", RTO 목표 " + incident.rtoDeadline());
        incidents.note(incident.id(), TimelineCode.TYPE_IDENTIFIED, "Type " + incident.type().number() + " "
                + incident.type().koreanName() + " (" + incident.source()
                + (incident.summary() == null ? "" : ": " + incident.summary()) + ")");
        incidents.note(incident.id(), TimelineCode.SCOPE_IDENTIFIED,
                Scope.parse(incident.scope()).map(Scope::koreanName).orElse(incident.scope()));
    }
}
