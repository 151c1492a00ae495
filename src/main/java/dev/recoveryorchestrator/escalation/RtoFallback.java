package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The runbooks' RTO fallback [최후 수단], for their models' expressions (docs/architecture.md, "The RTO fallback"):
 * {@code ${rtoFallback.due(execution)}} is when the question is put, {@code ${rtoFallback.group(execution)}} to whom,
 * {@code ${rtoFallback.decideBy(execution)}} when an unanswered question is settled by configuration, and
 * {@code ${rtoFallback.applyWhenUnanswered()}} how.
 */
@Component("rtoFallback")
public class RtoFallback {

    private final RtoFallbackSettings settings;
    private final ObjectiveSettings objectives;
    private final Escalation escalation;
    private final IncidentService incidents;

    RtoFallback(RtoFallbackSettings settings, ObjectiveSettings objectives, Escalation escalation,
            IncidentService incidents) {
        this.settings = settings;
        this.objectives = objectives;
        this.escalation = escalation;
        this.incidents = incidents;
    }

    /** The configured share of the RTO target after the incident opened. */
    public Date due(DelegateExecution execution) {
        return Date.from(dueAfter(IncidentVariables.openedAt(execution)));
    }

    Instant dueAfter(Instant openedAt) {
        long millis = Math.round(objectives.rto().target().toMillis() * settings.at());
        return openedAt.plus(Duration.ofMillis(millis));
    }

    /** The RTO target itself: by then an unanswered question is settled as {@link #applyWhenUnanswered()} says. */
    public Date decideBy(DelegateExecution execution) {
        return Date.from(IncidentVariables.openedAt(execution).plus(objectives.rto().target()));
    }

    public boolean applyWhenUnanswered() {
        return settings.whenUnanswered() == RtoFallbackSettings.WhenUnanswered.APPLY;
    }

    /**
     * The highest tier the incident has reached: the one its lifecycle last escalated to, or, when that record lags
     * behind the clock (a tier's timer job not yet run), the last tier whose delay has passed — whichever is later.
     * In a DR drill only the tiers below the approver count: the highest non-CTO tier is asked.
     */
    public String group(VariableScope scope) {
        Instant openedAt = IncidentVariables.openedAt(scope);
        boolean drill = incidents.find(IncidentVariables.incidentId(scope)).map(Incident::drill).orElse(false);
        List<String> all = drill && !escalation.groupsInDrills().isEmpty() ? escalation.groupsInDrills()
                : escalation.groups();
        List<String> byTime = escalation.groupsJoinedBy(Duration.between(openedAt, EngineClock.now())).stream()
                .filter(all::contains).toList();
        String recorded = incidents.find(IncidentVariables.incidentId(scope)).map(Incident::tier).orElse(null);
        String reached = byTime.isEmpty() ? all.get(0) : byTime.get(byTime.size() - 1);
        if (recorded != null && all.indexOf(recorded) > all.indexOf(reached)) {
            return recorded;
        }
        return reached;
    }
}
