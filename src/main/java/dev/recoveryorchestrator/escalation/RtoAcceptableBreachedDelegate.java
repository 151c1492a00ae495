package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_MarkCritical}: the RTO's acceptable limit passed. The incident becomes critical and everyone
 * involved (the users and every tier that has joined) is told, in one transaction.
 */
@Component("rtoAcceptableBreachedDelegate")
class RtoAcceptableBreachedDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final Notifier notifier;
    private final ObjectiveSettings objectives;

    private final MeterRegistry metrics;

    RtoAcceptableBreachedDelegate(IncidentService incidents, Notifier notifier, ObjectiveSettings objectives,
            MeterRegistry metrics) {
        this.metrics = metrics;
        this.incidents = incidents;
        this.notifier = notifier;
        this.objectives = objectives;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        incidents.markCritical(incidentId);
        RtoTargetBreachedDelegate.countBreach(metrics, incidents, incidentId, "acceptable");
        incidents.note(incidentId, "RTO 허용 한계 초과",
                "RTO 허용 한계 " + Durations.words(objectives.rto().acceptable()) + " 경과: 심각(critical) 지정");
        notifier.send(Audience.involved(), "rto-acceptable-breached", incidentId, Map.of(
                "rtoAcceptable", Durations.words(objectives.rto().acceptable())));
    }
}
