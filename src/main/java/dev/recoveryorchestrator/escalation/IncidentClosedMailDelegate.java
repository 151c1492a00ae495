package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.notify.Notifier;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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

    private final Escalation escalation;
    private final IncidentService incidents;
    private final Notifier notifier;

    IncidentClosedMailDelegate(Escalation escalation, IncidentService incidents, Notifier notifier) {
        this.escalation = escalation;
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        Incident incident = incidents.find(incidentId).orElseThrow();
        Set<String> everyone = new LinkedHashSet<>(notifier.users());
        everyone.addAll(escalation.addressesInvolvedAfter(Duration.between(incident.openedAt(), EngineClock.now())));
        notifier.mail("incident-closed", incidentId, everyone, Map.of(
                "closedReason", incident.closedReason() == null ? "-" : incident.closedReason(),
                "closedBy", incident.closedBy() == null ? "-" : incident.closedBy()));
    }
}
