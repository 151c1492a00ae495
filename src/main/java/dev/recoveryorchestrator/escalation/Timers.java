package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.LifecycleSettings;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Due dates of the lifecycle's timers, counted from the moment the incident opened (the runbook counts its
 * tiers and the RTO from there), so the models hold no duration: {@code ${timers.tierDue(execution, tier)}},
 * {@code ${timers.rtoTarget(execution)}}, {@code ${timers.rtoAcceptable(execution)}}.
 */
@Component("timers")
public class Timers {

    private final Escalation escalation;
    private final ObjectiveSettings objectives;
    private final LifecycleSettings lifecycle;

    Timers(Escalation escalation, ObjectiveSettings objectives, LifecycleSettings lifecycle) {
        this.escalation = escalation;
        this.objectives = objectives;
        this.lifecycle = lifecycle;
    }

    /** The pause between two checks of the lifecycle's health watch, as ISO-8601. */
    public String healthWatch() {
        return lifecycle.watchInterval().toString();
    }

    public Date tierDue(DelegateExecution execution, String group) {
        return Date.from(IncidentVariables.openedAt(execution).plus(escalation.tier(group).after()));
    }

    public Date rtoTarget(DelegateExecution execution) {
        return Date.from(IncidentVariables.openedAt(execution).plus(objectives.rto().target()));
    }

    public Date rtoAcceptable(DelegateExecution execution) {
        return Date.from(IncidentVariables.openedAt(execution).plus(objectives.rto().acceptable()));
    }
}
