package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.runbook.Findings;
import dev.recoveryorchestrator.runbook.MonitorEvidence;
import java.time.Duration;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ConfirmBackendDown} (증상 확인): before anything disruptive, Type 1 confirms its own symptom —
 * {@code /api/health} does not answer healthy on any of {@code recovery.health-check.confirm.attempts} checks. Sets
 * {@code symptomConfirmed}; a confirmation is kept on the incident (the lifecycle's health watch counts recovery
 * only after one). When the monitor's own failed checks opened the incident moments ago ({@link MonitorEvidence}),
 * they are the confirmation and nothing is checked again.
 */
@Component("confirmBackendDownDelegate")
class ConfirmBackendDownDelegate implements JavaDelegate {

    private final HealthProbe probe;
    private final TargetSettings target;
    private final HealthCheckSettings settings;
    private final Findings findings;
    private final MonitorEvidence evidence;

    ConfirmBackendDownDelegate(HealthProbe probe, TargetSettings target, HealthCheckSettings settings, Findings findings,
            MonitorEvidence evidence) {
        this.evidence = evidence;
        this.probe = probe;
        this.target = target;
        this.settings = settings;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        Optional<Duration> observed = evidence.fresh(execution);
        if (observed.isPresent()) {
            findings.symptom(execution, true, "증상 확인: 헬스 모니터가 " + observed.get().toMillis()
                    + " ms 전에 확인한 실패를 근거로 함 (recovery.health-check.monitor-evidence 이내, 다시 확인하지 않음)");
            return;
        }
        Health health = probe.checkRepeatedly(target.healthUrl(), settings.timeout(), settings.confirm());
        boolean confirmed = !health.healthy();
        findings.symptom(execution, confirmed, "증상 확인: " + (confirmed
                ? "/api/health " + settings.confirm().attempts() + "회 모두 실패 - " + health.detail()
                : "/api/health 정상 응답, 증상 미확인 - " + health.detail()));
    }
}
