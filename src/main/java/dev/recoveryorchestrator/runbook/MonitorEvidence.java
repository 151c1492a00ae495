package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * No repeated evidence: when the monitor's own failed checks opened the incident ({@code confirmedByCheck}: the
 * symptom counts as confirmed from the first of them) and they are younger than
 * {@code recovery.health-check.monitor-evidence}, they are the runbook's confirmation; checking three more times
 * would only delay the restart. The age is taken from the moment the monitor handed the incident over (its lifecycle
 * started, in the transaction that stored the incident), the time of the last failed check that fired. A person's or
 * an alert's report has no such confirmation ({@code symptomConfirmedAt} is null), nor has a confirmation the runbook
 * made itself after the opening: both are checked again.
 */
@Component
public class MonitorEvidence {

    private final IncidentService incidents;
    private final HealthCheckSettings settings;

    MonitorEvidence(IncidentService incidents, HealthCheckSettings settings) {
        this.incidents = incidents;
        this.settings = settings;
    }

    /** How old the monitor's observation is, when it is fresh enough to confirm the symptom; empty: check again. */
    public Optional<Duration> fresh(DelegateExecution execution) {
        if (settings.monitorEvidence().isZero()) {
            return Optional.empty();
        }
        Incident incident = incidents.find(IncidentVariables.incidentId(execution)).orElseThrow();
        if (incident.symptomConfirmedAt() == null || incident.processInstanceId() == null) {
            return Optional.empty();
        }
        HistoricProcessInstance lifecycle = execution.getProcessEngineServices().getHistoryService()
                .createHistoricProcessInstanceQuery().processInstanceId(incident.processInstanceId()).singleResult();
        if (lifecycle == null) {
            return Optional.empty();
        }
        Instant handedOver = lifecycle.getStartTime().toInstant();
        Duration age = Duration.between(handedOver, EngineClock.now());
        boolean byTheMonitor = !incident.symptomConfirmedAt().isAfter(handedOver);
        return byTheMonitor && !age.isNegative() && age.compareTo(settings.monitorEvidence()) <= 0
                ? Optional.of(age) : Optional.empty();
    }
}
