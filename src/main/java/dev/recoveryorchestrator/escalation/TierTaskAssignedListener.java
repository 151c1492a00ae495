package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.incident.Acknowledgement;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Claiming a tier's task in Tasklist ({@code assignment}) acknowledges the incident as the claimer: taking the task
 * is saying "I'm on it". The first acknowledgement stays; an incident no longer open is left alone. The escalation
 * goes on as before: the next tiers still join when their time comes.
 */
@Component("tierTaskAssignedListener")
class TierTaskAssignedListener implements TaskListener {

    private final IncidentService incidents;

    TierTaskAssignedListener(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void notify(DelegateTask task) {
        if (task.getAssignee() == null || task.getAssignee().isBlank()) {
            return;
        }
        try {
            incidents.acknowledge(IncidentVariables.incidentId(task), task.getAssignee(), Acknowledgement.TASKLIST);
        } catch (IncidentService.IncidentNotOpenException closed) {
            // the incident ended meanwhile: nothing to acknowledge
        }
    }
}
