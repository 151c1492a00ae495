package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code SendTask_NotifyUsersClosed}, {@code SendTask_NotifyClosedByPerson} (사용자 알림, 장애 종료): the incident
 * was closed without a recovery (false alarm, reclassified, closed by a person). The users and every tier that
 * has joined so far hear it, with the reason, so nobody keeps working on it.
 */
@Component("incidentClosedMailDelegate")
class IncidentClosedMailDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final Notifier notifier;

    IncidentClosedMailDelegate(IncidentService incidents, Notifier notifier) {
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        Incident incident = incidents.find(incidentId).orElseThrow();
        notifier.send(Audience.involved(), "incident-closed", incidentId, Map.of(
                "closedReason", incident.closedReason() == null ? "-" : incident.closedReason(),
                "closedBy", incident.closedBy() == null ? "-" : incident.closedBy()));
    }
}
