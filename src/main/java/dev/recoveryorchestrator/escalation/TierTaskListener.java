package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.escalation.EscalationSettings.Tier;
import dev.recoveryorchestrator.incident.AcknowledgeLinks;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When a tier's task is created in Tasklist ({@code UserTask_TierResponse}): names it after what the runbook
 * asks of the tier, records the escalation, and tells the tier a link to the task. The notification is queued
 * in the same transaction as the task, so neither exists without the other.
 */
@Component("tierTaskListener")
class TierTaskListener implements TaskListener {

    private final Escalation escalation;
    private final IncidentService incidents;
    private final Notifier notifier;
    private final AcknowledgeLinks links;

    TierTaskListener(Escalation escalation, IncidentService incidents, Notifier notifier, AcknowledgeLinks links) {
        this.links = links;
        this.escalation = escalation;
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @Override
    public void notify(DelegateTask task) {
        String group = TierVariables.group(task);
        Tier tier = escalation.tier(group);
        String incidentId = IncidentVariables.incidentId(task);
        task.setName("[" + Incident.shortId(incidentId) + "] " + tier.task());
        task.setDescription(tier.ask());
        incidents.escalatedTo(incidentId, group);
        incidents.note(incidentId, "에스컬레이션", tier.name() + " 합류: " + tier.task());
        notifier.send(Audience.tier(group), "tier-escalation", incidentId, Map.of(
                "tierName", tier.name(),
                "taskName", tier.task(),
                "taskAsk", tier.ask(),
                "taskUrl", notifier.tasklistLink(task.getId()),
                "acknowledgeUrl", links.token(incidentId)
                        .map(token -> notifier.link(AcknowledgeLinks.PATH + "?token=" + token))
                        .orElse("(Tasklist에서 작업을 담당하면 확인됩니다)")));
    }
}
