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
 * {@code SendTask_NotifyRtoTargetBreached}: the RTO target passed; the CTO tier is told (중대 장애 보고). In a DR drill
 * the highest tier below the CTO is told instead: a drill never pages the CTO.
 */
@Component("rtoTargetBreachedDelegate")
class RtoTargetBreachedDelegate implements JavaDelegate {

    private final Escalation escalation;
    private final IncidentService incidents;
    private final Notifier notifier;
    private final ObjectiveSettings objectives;

    private final MeterRegistry metrics;

    RtoTargetBreachedDelegate(Escalation escalation, IncidentService incidents, Notifier notifier,
            ObjectiveSettings objectives, MeterRegistry metrics) {
        this.metrics = metrics;
        this.escalation = escalation;
        this.incidents = incidents;
        this.notifier = notifier;
        this.objectives = objectives;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        countBreach(metrics, incidents, incidentId, "target");
        incidents.note(incidentId, "RTO 목표 초과", "RTO 목표 " + Durations.words(objectives.rto().target()) + " 경과");
        java.util.Optional<String> group = escalation.reportGroup(IncidentVariables.drill(execution));
        if (group.isEmpty()) {
            incidents.note(incidentId, "RTO 목표 초과", "훈련: 최종 승인 단계 아래에 보고할 단계가 없어 보고하지 않음");
            return;
        }
        notifier.send(Audience.tier(group.get()), "rto-target-breached", incidentId, Map.of(
                "rtoTarget", Durations.words(objectives.rto().target()),
                "rtoAcceptable", Durations.words(objectives.rto().acceptable())));
    }

    /**
     * {@code recovery_rto_breaches_total{type,level,drill}}: counted once the job's transaction commits, so a retried
     * job counts once.
     */
    static void countBreach(MeterRegistry metrics, IncidentService incidents, String incidentId, String level) {
        incidents.find(incidentId).ifPresent(incident -> dev.recoveryorchestrator.config.AfterCommit.run(() ->
                metrics.counter("recovery.rto.breaches", "type", incident.type().id(), "level", level, "drill",
                        String.valueOf(incident.drill())).increment()));
    }
}
