package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.runbook.RunbookSettings;
import dev.recoveryorchestrator.runbook.RunbookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ConfirmBackendDown} (증상 확인): before anything disruptive, the runbook confirms its own symptom —
 * {@code /api/health} does not answer healthy on any of {@code recovery.runbook.confirm-attempts} checks. Sets
 * {@code symptomConfirmed}; a confirmation is recorded on the incident (the lifecycle's health watch counts
 * recovery only after one).
 */
@Component("confirmBackendDownDelegate")
class ConfirmBackendDownDelegate implements JavaDelegate {

    private final HealthProbe probe;
    private final TargetSettings target;
    private final RunbookSettings runbook;
    private final BackendApiDownSettings settings;
    private final IncidentService incidents;

    ConfirmBackendDownDelegate(HealthProbe probe, TargetSettings target, RunbookSettings runbook,
            BackendApiDownSettings settings, IncidentService incidents) {
        this.probe = probe;
        this.target = target;
        this.runbook = runbook;
        this.settings = settings;
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        Health health = probe.checkRepeatedly(target.healthUrl(), settings.healthTimeout(), runbook.confirmAttempts(),
                runbook.confirmInterval());
        String incidentId = IncidentVariables.incidentId(execution);
        boolean confirmed = !health.healthy();
        String finding = "증상 확인: " + (confirmed
                ? "/api/health " + runbook.confirmAttempts() + "회 모두 실패 - " + health.detail()
                : "/api/health 정상 응답, 증상 미확인 - " + health.detail());
        if (confirmed) {
            incidents.confirmSymptom(incidentId, finding);
        } else {
            incidents.note(incidentId, "증상 확인", finding);
        }
        RunbookVariables.addFinding(execution, finding);
        RunbookVariables.symptomConfirmed(execution, confirmed);
    }
}
