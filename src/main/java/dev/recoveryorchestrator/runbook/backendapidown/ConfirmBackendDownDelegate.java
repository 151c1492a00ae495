package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.runbook.Findings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ConfirmBackendDown} (증상 확인): before anything disruptive, Type 1 confirms its own symptom —
 * {@code /api/health} does not answer healthy on any of {@code recovery.health-check.confirm.attempts} checks. Sets
 * {@code symptomConfirmed}; a confirmation is kept on the incident (the lifecycle's health watch counts recovery
 * only after one).
 */
@Component("confirmBackendDownDelegate")
class ConfirmBackendDownDelegate implements JavaDelegate {

    private final HealthProbe probe;
    private final TargetSettings target;
    private final HealthCheckSettings settings;
    private final Findings findings;

    ConfirmBackendDownDelegate(HealthProbe probe, TargetSettings target, HealthCheckSettings settings, Findings findings) {
        this.probe = probe;
        this.target = target;
        this.settings = settings;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        Health health = probe.checkRepeatedly(target.healthUrl(), settings.timeout(), settings.confirm());
        boolean confirmed = !health.healthy();
        findings.symptom(execution, confirmed, "증상 확인: " + (confirmed
                ? "/api/health " + settings.confirm().attempts() + "회 모두 실패 - " + health.detail()
                : "/api/health 정상 응답, 증상 미확인 - " + health.detail()));
    }
}
